"""Helpers of the platform checks (tests/platform): the suite's Odoo command and log parsing."""

import ast
import os
import re
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ERROR_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (ERROR|CRITICAL) ", re.M)


def odoo_command(*args):
    """The suite's Odoo server command line (scripts/lib.sh::odoo_cmd) as a bash invocation."""
    return odoo_subcommand("server", *args)


def odoo_subcommand(sub, *args):
    """An Odoo subcommand (server, shell, db, neutralize...) with the suite's configuration
    (scripts/lib.sh::odoo_run), as a bash invocation."""
    quoted = " ".join(f"'{a}'" for a in args)
    return ["bash", "-c", f"source '{REPO_ROOT}/scripts/lib.sh' && odoo_run {sub} {quoted}"]


def run_odoo(sub, *args, stdin=None, env=None, timeout=900):
    """Runs an Odoo subcommand to its end; fails with the tail of its output if it fails or logs an error."""
    result = subprocess.run(
        odoo_subcommand(sub, *args),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"odoo {sub} {' '.join(args)} failed:\n{output[-4000:]}"
    assert error_lines(output) == [], output[-4000:]
    return output


DEMO_FAILED = re.compile(r" WARNING \S+ odoo\.modules\.loading: Module \S+ demo data failed to install")


def error_lines(text):
    """Odoo log lines at ERROR/CRITICAL, and the warnings Odoo gives when a module's demo data fails."""
    return [line for line in text.splitlines() if ERROR_LINE.match(line) or DEMO_FAILED.search(line)]


def suite_addons():
    """The installable addons of addons/, as scripts/lib.sh::suite_addons lists them."""
    return sorted(
        manifest.parent.name
        for manifest in (REPO_ROOT / "addons").glob("*/__manifest__.py")
        if ast.literal_eval(manifest.read_text()).get("installable", True)
    )


def _lib_sh(command, **kwargs):
    return subprocess.run(["bash", "-c", f"source '{REPO_ROOT}/scripts/lib.sh' && {command}"], **kwargs)


def psql(db, sql):
    """Runs SQL in database ``db`` as Odoo's role; fails on the first error."""
    result = _lib_sh(
        f"psql_odoo -d '{db}' -v ON_ERROR_STOP=1 -qAt", input=sql, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def db_exists(db):
    return _lib_sh(f"db_exists '{db}'", capture_output=True).returncode == 0


def drop_db(db):
    """Drops database ``db`` and its filestore if it exists."""
    if db_exists(db):
        run_odoo("db", "drop", db)
