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

import statistics
import sys
import uuid

from bench_common import configure_odoo, time_sync, ui_order

import odoo
from odoo import SUPERUSER_ID, api


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


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    db_with, db_without = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    configure_odoo()
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
                time_sync(env, ui_order(session, product, bank, partner if invoiced else None, invoiced))
            side.update(env=env, session=session, product=product, partner=partner, bank=bank)
        for _i in range(count):  # interleaved: both databases see the same machine load
            for side in sides.values():
                for invoiced in (False, True):
                    data = ui_order(
                        side["session"], side["product"], side["bank"], side["partner"] if invoiced else None, invoiced
                    )
                    side[invoiced].append(time_sync(side["env"], data))
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
