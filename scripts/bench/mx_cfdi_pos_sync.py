#!/usr/bin/env python3
"""Benchmark: POS order sync time with mx_cfdi installed vs. without, in the same run (target <= 1.1x).

Two databases of the same template, one with mx_cfdi and one without, measured interleaved in one
process so both see the same machine load:
    source scripts/lib.sh
    clone_db <template> cfdi_bench_without            # the template: point_of_sale, l10n_mx, demo
    PYTHONPATH=$ODOO_PY .venv/bin/python scripts/bench/mx_cfdi_pos_sync.py cfdi_t cfdi_bench_without [orders]
(cfdi_t is what `ODOO_TEST_DB=cfdi_t scripts/test.sh mx_cfdi` leaves.) Each database's work runs in one
transaction that is rolled back. Two kinds of order: a plain ticket (what the factura global takes
later: mx_cfdi adds nothing to its sync) and a ticket invoiced at the counter to a customer with RFC
(mx_cfdi checks the fiscal data and queues the CFDI; the PAC is never called during the sync). The
invoice PDF is left out on both sides (generate_pdf=False): wkhtmltopdf time would hide the rest.
"""

import os
import statistics
import sys
import time
import uuid
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import config

ROOT = Path(__file__).resolve().parents[2]


def _setup(env):
    company = env.ref("base.main_company")
    admin = env.ref("base.user_admin")  # a POS manager: the superuser may not open sessions
    env = env(user=admin, context=dict(env.context, allowed_company_ids=[company.id], generate_pdf=False))
    pos_config = env["pos.config"].create({"name": f"Bench CFDI {uuid.uuid4().hex[:6]}"})
    bank = pos_config.payment_method_ids.filtered(lambda pm: pm.type == "bank")[:1]
    product = env["product.product"].create(
        {"name": "Bench balata", "list_price": 100.0, "available_in_pos": True, "taxes_id": [(5, 0, 0)]}
    )
    partner_vals = {"name": "Bench cliente", "vat": "URE180429TM6", "zip": "86991", "country_id": env.ref("base.mx").id}
    if "mx_cfdi_regimen_id" in env["res.partner"]._fields:
        partner_vals["mx_cfdi_regimen_id"] = env.ref("mx_cfdi.regimen_601").id
    partner = env["res.partner"].create(partner_vals)
    pos_config.open_ui()
    session = pos_config.current_session_id
    session.set_opening_control(0, None)
    return env, session, product, partner, bank


def _order(session, product, partner, method, invoiced):
    return {
        "amount_paid": 100.0,
        "amount_return": 0,
        "amount_tax": 0,
        "amount_total": 100.0,
        "date_order": odoo.fields.Datetime.to_string(odoo.fields.Datetime.now()),
        "pricelist_id": session.config_id.pricelist_id.id,
        "lines": [
            (
                0,
                0,
                {
                    "product_id": product.id,
                    "qty": 1,
                    "price_unit": 100.0,
                    "price_subtotal": 100.0,
                    "price_subtotal_incl": 100.0,
                    "tax_ids": [],
                    "uuid": str(uuid.uuid4()),
                },
            )
        ],
        "partner_id": partner.id if invoiced else False,
        "session_id": session.id,
        "payment_ids": [(0, 0, {"amount": 100.0, "payment_method_id": method.id, "uuid": str(uuid.uuid4())})],
        "uuid": str(uuid.uuid4()),
        "user_id": session.user_id.id,
        "state": "paid",
        "to_invoice": invoiced,
        "last_order_preparation_change": "{}",
    }


def _time_sync(env, data):
    start = time.perf_counter()
    env["pos.order"].sync_from_ui([data])
    env.flush_all()
    return time.perf_counter() - start


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    db_with, db_without = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    odoo_py = ROOT / "vendor/odoo/usr/lib/python3/dist-packages"
    config.parse_config(
        [
            "-c",
            str(ROOT / "odoo.conf"),
            "--addons-path={},{}".format(odoo_py / "odoo/addons", ROOT / "addons"),
            "--db_host={}".format(os.environ.get("PGHOST", "127.0.0.1")),
            "--db_port={}".format(os.environ.get("PGPORT", "5432")),
            "--db_user={}".format(os.environ.get("PGUSER_ODOO", "odoo")),
            "--db_password={}".format(os.environ.get("PGPASSWORD_ODOO", "odoo")),
            "--log-level=warn",
        ]
    )
    sides = {}
    for label, dbname in (("with", db_with), ("without", db_without)):
        registry = odoo.modules.registry.Registry(dbname)
        installed = "mx.cfdi.document" in registry
        if installed != (label == "with"):
            sys.exit(f"{dbname}: mx_cfdi is {'' if installed else 'not '}installed, expected {label} it")
        cr = registry.cursor()
        sides[label] = {"cr": cr, False: [], True: []}
    try:
        for side in sides.values():
            env, session, product, partner, bank = _setup(api.Environment(side["cr"], SUPERUSER_ID, {}))
            for invoiced in (False, True):  # warm-up
                _time_sync(env, _order(session, product, partner, bank, invoiced))
            side.update(env=env, args=(session, product, partner, bank))
        for _i in range(count):  # interleaved: both databases see the same machine load
            for side in sides.values():
                for invoiced in (False, True):
                    side[invoiced].append(_time_sync(side["env"], _order(*side["args"], invoiced=invoiced)))
    finally:
        for side in sides.values():
            side["cr"].rollback()
            side["cr"].close()
    print(f"orders per kind and database: {count}")
    for invoiced, kind in ((False, "plain ticket"), (True, "invoiced ticket")):
        med_with = statistics.median(sides["with"][invoiced])
        med_without = statistics.median(sides["without"][invoiced])
        print(
            f"{kind:16s} with mx_cfdi {med_with * 1000:7.1f} ms  without {med_without * 1000:7.1f} ms  "
            f"ratio {med_with / med_without:.2f}x (target <= 1.10x)"
        )


if __name__ == "__main__":
    main()
