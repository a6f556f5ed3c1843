import threading

from odoo.sql_db import db_connect

from . import test_access, test_claim, test_concurrency, test_portal, test_pos_tour, test_registration


def _module_installed(name):
    """Whether ``name`` is installed, or being installed in this run, in the database under test: read when the
    tests are collected, so that tests of the optional integrations are collected only when they can run."""
    dbname = getattr(threading.current_thread(), "dbname", None)
    if not dbname:
        return False
    with db_connect(dbname).cursor() as cr:
        cr.execute(
            "SELECT 1 FROM ir_module_module WHERE name = %s AND state IN ('installed', 'to install', 'to upgrade')",
            [name],
        )
        return bool(cr.fetchone())


if _module_installed("pos_tickets_qr"):
    from . import test_qr_lookup
