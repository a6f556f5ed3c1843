"""Helpers of the platform checks (tests/platform): the suite's Odoo command and log parsing."""

import ast
import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ERROR_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (ERROR|CRITICAL) ", re.M)


def odoo_command(*args):
    """The suite's Odoo server command line (scripts/lib.sh::odoo_cmd) as a bash invocation."""
    quoted = " ".join(f"'{a}'" for a in args)
    return ["bash", "-c", f"source '{REPO_ROOT}/scripts/lib.sh' && odoo_cmd {quoted}"]


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
