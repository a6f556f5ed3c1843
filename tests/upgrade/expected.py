"""What a release changes on purpose in the upgrade snapshot (tests/upgrade/snapshot.py).

``expected_after(before)`` turns the snapshot taken on the last release into the one the upgraded
database must give. A release whose migrations change stored values on purpose (a field renamed in the
snapshot, a state split in two, a backfilled amount) says so here, one small function per change, with
the migration it mirrors; everything else must come out identical.
"""


def expected_after(before):
    return before
