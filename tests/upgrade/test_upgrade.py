"""Shops upgrade, they never reinstall: a database made by the last release (tests/upgrade/RELEASE, checked
out with ``git worktree``) after a month of work keeps every record when the code under test upgrades it.

1. The release's addons are installed (demo data) in a copy of the test template, with the release's code.
2. ``workload.py`` leaves what a shop has after a month (POS orders in cash, wallet and store credit,
   stamped and cancelled CFDI, half-delivered bar tickets, claims and service orders in every state, fleet
   items due); ``snapshot.py`` records what matters.
3. The code under test upgrades it (``-u all``, and installs the suite's addons the release did not have);
   the snapshot taken again must equal the first one (``expected.py`` lists deliberate changes).
4. A POS tour sells on the upgraded database.
5. A backup made with Odoo's own tools (database + filestore) restores under a new name whole: the same
   snapshot, the CSD seals, stamped XMLs are there, tickets verify, wallet ledgers add up.

Figures (build, workload, upgrade, restore times) go to var/test/upgrade-figures.json. ``UPGRADE_REUSE=1``
reuses the upgraded database and snapshots of the last run (to work on the tests after step 3).
"""

import ast
import difflib
import importlib.util
import json
import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
from odoo_platform import REPO_ROOT, db_exists, drop_db, error_lines, psql, run_odoo, suite_addons

HERE = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("VAR_DIR", REPO_ROOT / "var"))
DB = os.environ.get("ODOO_UPGRADE_DB", "suite_test_upgrade")
RESTORED = f"{DB}_restored"
FIGURES = {}


def expected_after(before):
    spec = importlib.util.spec_from_file_location("upgrade_expected", HERE / "expected.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.expected_after(before)


def release():
    commit, version = (HERE / "RELEASE").read_text().split()[:2]
    return commit, version


def _git(*args, cwd=REPO_ROOT):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def release_tree():
    """The release's code in var/upgrade/release (a git worktree, reused while it is at the release)."""
    commit, _version = release()
    assert _git("cat-file", "-e", f"{commit}^{{commit}}").returncode == 0, (
        f"the release commit {commit} is not in this clone's history (a shallow clone?): "
        "the upgrade test needs the full history"
    )
    path = VAR_DIR / "upgrade" / "release"
    if _git("rev-parse", "HEAD", cwd=path).stdout.strip() != commit if path.exists() else True:
        _git("worktree", "remove", "--force", str(path))
        _git("worktree", "prune")
        added = _git("worktree", "add", "--detach", str(path), commit)
        assert added.returncode == 0, added.stderr
    return path


def _release_odoo(tree, sub, *args, stdin=None, env=None, timeout=1800):
    """An Odoo subcommand with the release's addons (and this checkout's Odoo, virtualenv and data dir)."""
    quoted = " ".join(f"'{a}'" for a in args)
    shared = {"ODOO_ROOT": str(REPO_ROOT / "vendor/odoo"), "VENV": str(REPO_ROOT / ".venv"), "VAR_DIR": str(VAR_DIR)}
    result = subprocess.run(
        ["bash", "-c", f"source '{tree}/scripts/lib.sh' && odoo_run {sub} {quoted}"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **shared, **(env or {})},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"release odoo {sub} {' '.join(args)} failed:\n{output[-4000:]}"
    assert error_lines(output) == [], output[-4000:]
    return output


def _release_addons(tree):
    return sorted(
        manifest.parent.name
        for manifest in (tree / "addons").glob("*/__manifest__.py")
        if '"installable": False' not in manifest.read_text()
    )


def _template():
    result = subprocess.run(
        ["bash", "-c", f"source '{REPO_ROOT}/scripts/lib.sh' && ensure_template_db"],
        capture_output=True,
        text=True,
        timeout=3600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1]


def _snapshot(runner, db, name):
    path = VAR_DIR / "upgrade" / f"snapshot-{name}.json"
    script = (HERE / "snapshot.py").read_text()
    runner("shell", "-d", db, "--no-http", stdin=script, env={"UPGRADE_SNAPSHOT": str(path)})
    return json.loads(path.read_text())


def _timed(label, func, *args, **kwargs):
    started = time.monotonic()
    result = func(*args, **kwargs)
    FIGURES[label] = round(time.monotonic() - started, 1)
    return result


def _differences(expected, actual, limit=60):
    lines = difflib.unified_diff(
        json.dumps(expected, indent=1, sort_keys=True).splitlines(),
        json.dumps(actual, indent=1, sort_keys=True).splitlines(),
        "expected",
        "actual",
        lineterm="",
    )
    return "\n".join(list(lines)[:limit])


@pytest.fixture(scope="module")
def upgraded(release_tree):
    """The month-of-work database of the release, upgraded; yields the snapshots before and after."""

    def release_odoo(*args, **kwargs):
        return _release_odoo(release_tree, *args, **kwargs)

    snapshots = [VAR_DIR / "upgrade" / f"snapshot-{name}.json" for name in ("release", "upgraded")]
    if os.environ.get("UPGRADE_REUSE") and db_exists(DB) and all(path.exists() for path in snapshots):
        # a developer's loop on the tests below: the upgraded database of the last run, as it is
        yield tuple(json.loads(path.read_text()) for path in snapshots)
        return
    drop_db(DB)
    run_odoo("db", "duplicate", "--force", _template(), DB)
    old_addons = _release_addons(release_tree)
    install = ("server", "-d", DB, "-i", ",".join(old_addons), "--stop-after-init", "--http-port=0")
    _timed("install_release_s", release_odoo, *install)
    script = (HERE / "workload.py").read_text()
    workload = _timed("workload_s", release_odoo, "shell", "-d", DB, "--no-http", stdin=script)
    assert "WORKLOAD DONE" in workload, workload[-3000:]
    before = _snapshot(release_odoo, DB, "release")

    new_addons = sorted(set(suite_addons()) - set(old_addons))
    also_install = ["-i", ",".join(new_addons)] if new_addons else []
    _timed("upgrade_s", run_odoo, "server", "-d", DB, "-u", "all", *also_install, "--stop-after-init", "--http-port=0")
    after = _snapshot(run_odoo, DB, "upgraded")
    yield before, after
    FIGURES["snapshot_sections"] = {name: len(rows) for name, rows in after.items() if isinstance(rows, (list, dict))}
    (VAR_DIR / "test").mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "test" / "upgrade-figures.json").write_text(json.dumps(FIGURES, indent=1, sort_keys=True))


def test_upgrade_keeps_every_record(upgraded):
    before, after = upgraded
    assert before, "the snapshot of the release is empty"
    expected = expected_after(before)
    assert expected == after, "the upgrade changed or lost data:\n" + _differences(expected, after)


def test_suite_is_installed_at_the_new_versions(upgraded):
    rows = psql(DB, "SELECT name, state, latest_version FROM ir_module_module")
    modules = {name: (state, version) for name, state, version in (row.split("|") for row in rows.splitlines())}
    for addon in suite_addons():
        manifest = ast.literal_eval((REPO_ROOT / "addons" / addon / "__manifest__.py").read_text())
        assert modules.get(addon) == ("installed", manifest["version"]), addon


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_pos_sells_on_the_upgraded_database(upgraded):
    output = run_odoo(
        "server", "-d", DB, "--test-enable", "--test-tags=suite_upgrade",
        "--stop-after-init", f"--http-port={_free_port()}", "--log-level=test",
    )  # fmt: skip
    assert "1 post-tests" in output, output[-3000:]


def test_backup_restores_whole(upgraded):
    _before, after = upgraded
    dump = VAR_DIR / "upgrade" / "backup.zip"
    _timed("dump_s", run_odoo, "db", "dump", DB, str(dump))
    drop_db(RESTORED)
    _timed("restore_s", run_odoo, "db", "load", "--force", RESTORED, str(dump))
    try:
        restored = _snapshot(run_odoo, RESTORED, "restored")
        assert restored == after, "the restored copy differs:\n" + _differences(after, restored)
        report = VAR_DIR / "upgrade" / "integrity.json"
        probe = (HERE / "integrity_probe.py").read_text()
        run_odoo("shell", "-d", RESTORED, "--no-http", stdin=probe, env={"PROBE_REPORT": str(report)})
        integrity = json.loads(report.read_text())
        assert integrity["csd"] and all(ok for _rfc, ok in integrity["csd"].values()), integrity["csd"]
        assert integrity["cfdi_checked"] and integrity["cfdi_xml_missing"] == []
        assert integrity["tickets_checked"] and integrity["tickets_refused"] == []
        assert integrity["wallet_cards_checked"] and integrity["wallet_mismatch"] == []
        checked = ("cfdi_checked", "tickets_checked", "wallet_cards_checked")
        FIGURES["restore_checked"] = {key: integrity[key] for key in checked}
    finally:
        drop_db(RESTORED)
        dump.unlink(missing_ok=True)
