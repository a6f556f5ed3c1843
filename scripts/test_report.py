"""Summarises a test run of the suite into one closing line ``N passed, N failed``.

Inputs: the Odoo test log, pytest's junit XML files and the names of failed lint checks.
A skipped test counts as neither passed nor failed; an ERROR or CRITICAL line in Odoo's log
that no failing test explains (or a module whose demo data failed) counts as one failed check.
"""

import argparse
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

# <date> <time> <pid> <LEVEL> <db> <logger>: <message>
ODOO_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>\S+): (?P<msg>.*)"
)
ODOO_RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")
ODOO_SKIP = re.compile(r"^skipped \S")
# Odoo only warns when a module's demo data fails, then installs it without: the demo is broken
DEMO_FAILED = re.compile(r"^Module \S+ demo data failed to install")


def odoo_counts(log_path):
    """Returns (passed, failed, skipped, stray_errors) from an Odoo --test-enable log."""
    failed = errors = run = skipped = 0
    error_lines = []
    found_result = False
    for line in Path(log_path).read_text(errors="replace").splitlines():
        m = ODOO_LINE.match(line)
        if not m:
            continue
        if m["level"] in ("ERROR", "CRITICAL") or DEMO_FAILED.match(m["msg"]):
            error_lines.append(line)
        result = ODOO_RESULT.search(m["msg"])
        if result:
            found_result = True
            failed, errors, run = (int(x) for x in result.groups())
        elif m["level"] == "INFO" and ODOO_SKIP.match(m["msg"]):
            skipped += 1
    if not found_result:
        return 0, 1, 0, error_lines or ["no test result line in the Odoo log (crash before the end?)"]
    bad = failed + errors
    # each failing test logs at least one ERROR line; only lines beyond those are unexplained
    stray = error_lines if bad == 0 else []
    return max(run - bad - skipped, 0), bad, skipped, stray


def junit_counts(paths):
    passed = failed = skipped = 0
    for path in paths:
        root = ElementTree.parse(path).getroot()
        suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
        for suite in suites:
            tests = int(suite.get("tests", 0))
            bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skip = int(suite.get("skipped", 0))
            passed += tests - bad - skip
            failed += bad
            skipped += skip
    return passed, failed, skipped


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--odoo-log", action="append", default=[])
    parser.add_argument("--junit", action="append", default=[])
    parser.add_argument("--failed-check", action="append", default=[], help="name of a failed lint/check step")
    args = parser.parse_args(argv)

    passed = failed = skipped = 0
    for log in args.odoo_log:
        p, f, s, stray = odoo_counts(log)
        passed, failed, skipped = passed + p, failed + f, skipped + s
        if stray:
            failed += 1
            print(f"{len(stray)} ERROR/CRITICAL line(s) in {log}, first ones:")
            for line in stray[:5]:
                print("   ", line[:300])
        print(f"odoo ({log}): {p} passed, {f} failed, {s} skipped")
    p, f, s = junit_counts(args.junit)
    passed, failed, skipped = passed + p, failed + f, skipped + s
    if args.junit:
        print(f"pytest: {p} passed, {f} failed, {s} skipped")
    for check in args.failed_check:
        print(f"failed check: {check}")
        failed += 1
    if skipped:
        print(f"{skipped} skipped (not counted as passed)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
