"""What the benchmarks share: Odoo configured from the suite's environment (as scripts/lib.sh does), and
for the POS-sync ones a one-line paid order as the POS sends it and the timing of its sync."""

import os
import time
import uuid
from pathlib import Path

import odoo
from odoo.tools import config

ROOT = Path(__file__).resolve().parents[2]


def configure_odoo():
    """odoo.conf + the suite's addons path, data dir and the database settings of scripts/lib.sh."""
    odoo_py = ROOT / "vendor/odoo/usr/lib/python3/dist-packages"
    config.parse_config(
        [
            "-c",
            str(ROOT / "odoo.conf"),
            "--addons-path={},{}".format(odoo_py / "odoo/addons", ROOT / "addons"),
            "--data-dir={}".format(Path(os.environ.get("VAR_DIR", ROOT / "var")) / "filestore"),
            "--db_host={}".format(os.environ.get("PGHOST", "127.0.0.1")),
            "--db_port={}".format(os.environ.get("PGPORT", "5432")),
            "--db_user={}".format(os.environ.get("PGUSER_ODOO", "odoo")),
            "--db_password={}".format(os.environ.get("PGPASSWORD_ODOO", "odoo")),
            "--log-level=warn",
        ],
        setup_logging=True,
    )


def ui_order(session, product, method, partner=None, to_invoice=False):
    """A paid order of one unit at 100 without taxes, paid in full with `method`."""
    line = {
        "product_id": product.id,
        "qty": 1,
        "price_unit": 100.0,
        "price_subtotal": 100.0,
        "price_subtotal_incl": 100.0,
        "tax_ids": [],
        "pack_lot_ids": [],
        "uuid": str(uuid.uuid4()),
    }
    return {
        "amount_paid": 100.0,
        "amount_return": 0,
        "amount_tax": 0,
        "amount_total": 100.0,
        "date_order": odoo.fields.Datetime.to_string(odoo.fields.Datetime.now()),
        "pricelist_id": session.config_id.pricelist_id.id,
        "lines": [(0, 0, line)],
        "partner_id": partner.id if partner else False,
        "session_id": session.id,
        "payment_ids": [(0, 0, {"amount": 100.0, "payment_method_id": method.id, "uuid": str(uuid.uuid4())})],
        "uuid": str(uuid.uuid4()),
        "user_id": session.user_id.id,
        "state": "paid",
        "to_invoice": to_invoice,
        "last_order_preparation_change": "{}",
    }


def time_sync(env, data):
    """Seconds to sync one order as the POS does, writes flushed."""
    start = time.perf_counter()
    env["pos.order"].sync_from_ui([data])
    env.flush_all()
    return time.perf_counter() - start
