"""The test summary must count what happened: failures, skips and stray ERROR lines."""

import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location(
    "test_report", Path(__file__).resolve().parents[2] / "scripts" / "test_report.py"
)
test_report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(test_report)

HEAD = "2026-11-21 10:00:00,123 4242"


def write_log(tmp_path, *lines):
    path = tmp_path / "odoo.log"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_clean_run(tmp_path):
    log = write_log(
        tmp_path,
        f"{HEAD} INFO db odoo.modules.loading: Modules loaded.",
        f"{HEAD} INFO db odoo.addons.x.tests.test_a: skipped test_b (x.tests.test_a.T.test_b) : no printer",
        f"{HEAD} INFO db odoo.tests.result: 0 failed, 0 error(s) of 12 tests when loading database 'db'",
    )
    assert test_report.odoo_counts(log) == (11, 0, 1, [])


def test_failures_are_counted(tmp_path):
    log = write_log(
        tmp_path,
        f"{HEAD} ERROR db odoo.addons.x.tests.test_a: FAIL: T.test_a",
        f"{HEAD} ERROR db odoo.tests.result: 1 failed, 2 error(s) of 10 tests when loading database 'db'",
    )
    passed, failed, skipped, stray = test_report.odoo_counts(log)
    assert (passed, failed, skipped, stray) == (7, 3, 0, [])


def test_stray_error_line_fails_a_green_run(tmp_path, capsys):
    log = write_log(
        tmp_path,
        f"{HEAD} ERROR db odoo.addons.web.assets: Could not get content for mail/x.js",
        f"{HEAD} INFO db odoo.tests.result: 0 failed, 0 error(s) of 3 tests when loading database 'db'",
    )
    assert test_report.main(["--odoo-log", str(log)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "3 passed, 1 failed"


def test_docutils_noise_is_not_an_odoo_error(tmp_path):
    log = write_log(
        tmp_path,
        "<string>:38: (ERROR/3) Unexpected indentation.",
        f"{HEAD} INFO db odoo.tests.result: 0 failed, 0 error(s) of 1 tests when loading database 'db'",
    )
    assert test_report.odoo_counts(log) == (1, 0, 0, [])


def test_missing_result_line_is_a_failure(tmp_path):
    log = write_log(tmp_path, f"{HEAD} CRITICAL db odoo.service.server: Failed to initialize database `db`.")
    passed, failed, _skipped, stray = test_report.odoo_counts(log)
    assert (passed, failed) == (0, 1)
    assert len(stray) == 1


def test_junit_and_failed_checks(tmp_path, capsys):
    junit = tmp_path / "junit.xml"
    junit.write_text(
        '<testsuites><testsuite name="pytest" tests="5" failures="1" errors="0" skipped="1"/></testsuites>'
    )
    assert test_report.main(["--junit", str(junit), "--failed-check", "ruff"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "3 passed, 2 failed"


def test_all_green_exits_zero(tmp_path):
    junit = tmp_path / "junit.xml"
    junit.write_text('<testsuite name="pytest" tests="2" failures="0" errors="0" skipped="0"/>')
    assert test_report.main(["--junit", str(junit)]) == 0


def test_failed_demo_data_fails_the_run(tmp_path):
    log = write_log(
        tmp_path,
        f"{HEAD} WARNING db odoo.modules.loading: Module x demo data failed to install, installed without demo data",
        f"{HEAD} INFO db odoo.tests.result: 0 failed, 0 error(s) of 2 tests when loading database 'db'",
    )
    _passed, _failed, _skipped, stray = test_report.odoo_counts(log)
    assert len(stray) == 1
