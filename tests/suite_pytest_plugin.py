"""pytest plugin of the suite: makes ``odoo.addons.<addon>`` importable without a database.

DB-free tests import the pure-Python parts of the addons (VIN, CFDI XML, ESC/POS encoding, ...)
as ``odoo.addons.<addon>.lib.<module>``; ``odoo.addons`` is a namespace package, so adding the
repository's addons folder to its path is all it takes.

pytest names a test file inside an addon after its package (``<addon>.tests.unit.test_x``); each
addon is registered under that bare name too, as the very module ``odoo.addons.<addon>``, so the
addon's code is imported once, under the name Odoo requires.
"""

import importlib
import sys
from pathlib import Path

import odoo.addons

REPO_ROOT = Path(__file__).resolve().parent.parent
ADDONS_DIR = REPO_ROOT / "addons"

if str(ADDONS_DIR) not in odoo.addons.__path__:
    odoo.addons.__path__.append(str(ADDONS_DIR))

for manifest in sorted(ADDONS_DIR.glob("*/__manifest__.py")):
    name = manifest.parent.name
    sys.modules.setdefault(name, importlib.import_module(f"odoo.addons.{name}"))
    tests_dir = manifest.parent / "tests"
    if (tests_dir / "__init__.py").exists():
        # the Odoo test package (TransactionCase classes) is not for pytest: an empty stand-in
        # lets pytest reach tests/unit without importing it
        stand_in = type(sys)(f"{name}.tests")
        stand_in.__path__ = [str(tests_dir)]
        sys.modules.setdefault(f"{name}.tests", stand_in)
