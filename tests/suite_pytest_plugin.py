"""pytest plugin of the suite: makes ``odoo.addons.<addon>`` importable without a database.

DB-free tests import the pure-Python parts of the addons (VIN, CFDI XML, ESC/POS encoding, ...)
as ``odoo.addons.<addon>.lib.<module>``; ``odoo.addons`` is a namespace package, so adding the
repository's addons folder to its path is all it takes.

pytest names a test file inside an addon after its package (``<addon>.tests.unit.test_x``). Each
addon whose tests are collected is registered under that bare name too, as the very module
``odoo.addons.<addon>`` (so its code is imported once, under the name Odoo requires), and its
``tests`` package as an empty stand-in (the Odoo test classes there are not for pytest). Only the
addons named on the command line are imported: one addon's broken import cannot stop another's tests.

``--shuffle=SEED`` runs the collected tests in an order drawn from SEED (``scripts/flake_hunt.sh``
uses it: a test that passes only after another one is a flake too).
"""

import importlib
import random
import sys
import types
from pathlib import Path

import odoo.addons

REPO_ROOT = Path(__file__).resolve().parent.parent
ADDONS_DIR = REPO_ROOT / "addons"

if str(ADDONS_DIR) not in odoo.addons.__path__:
    odoo.addons.__path__.append(str(ADDONS_DIR))


def _register_addon(name):
    sys.modules.setdefault(name, importlib.import_module(f"odoo.addons.{name}"))
    tests_dir = ADDONS_DIR / name / "tests"
    if (tests_dir / "__init__.py").exists():
        stand_in = types.ModuleType(f"{name}.tests")
        stand_in.__path__ = [str(tests_dir)]
        sys.modules.setdefault(f"{name}.tests", stand_in)


def pytest_configure(config):
    for arg in config.args:
        path = Path(arg.split("::")[0]).resolve()
        if ADDONS_DIR in path.parents:
            name = path.relative_to(ADDONS_DIR).parts[0]
            if (ADDONS_DIR / name / "__manifest__.py").exists():
                _register_addon(name)


def pytest_addoption(parser):
    parser.addoption("--shuffle", metavar="SEED", default=None, help="run the tests in a random order drawn from SEED")


def pytest_collection_modifyitems(config, items):
    seed = config.getoption("--shuffle")
    if seed is not None:
        random.Random(seed).shuffle(items)
