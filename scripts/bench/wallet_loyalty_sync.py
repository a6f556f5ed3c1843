#!/usr/bin/env python3
"""Benchmark: POS order sync with wallet payments vs plain cash, in the same run.

Usage (database with wallet_loyalty installed, e.g. the one `scripts/test.sh wallet_loyalty` leaves):
    PYTHONPATH=vendor/odoo/usr/lib/python3/dist-packages .venv/bin/python \
        scripts/bench/wallet_loyalty_sync.py suite_test_wallet_loyalty [orders]

Everything runs in one transaction that is rolled back: the database is left untouched.
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
    # the administrator (opening a POS session needs a POS user), with superuser rights for the setup
    env = env(user=env.ref("base.user_admin").id, context=dict(env.context, allowed_company_ids=[company.id]), su=True)
    config_rec = env["pos.config"].create({"name": f"Bench wallet {uuid.uuid4().hex[:6]}"})
    wallet_pm = company._wallet_setup(config_rec)
    cash_pm = config_rec.payment_method_ids.filtered("is_cash_count")[:1]
    if not cash_pm:
        cash_journal = env["account.journal"].search([("type", "=", "cash"), ("company_id", "=", company.id)], limit=1)
        cash_pm = env["pos.payment.method"].create(
            {"name": "Efectivo bench", "journal_id": cash_journal.id, "is_cash_count": True}
        )
        config_rec.payment_method_ids |= cash_pm
    product = env["product.product"].create(
        {"name": "Bench refacción", "list_price": 100.0, "available_in_pos": True, "taxes_id": [(5, 0, 0)]}
    )
    partner = env["res.partner"].create({"name": "Bench cliente"})
    partner.with_company(company).action_wallet_topup(10000.0, f"bench:{uuid.uuid4()}")
    config_rec.open_ui()
    session = config_rec.current_session_id
    session.set_opening_control(0, None)
    return env, session, product, partner, cash_pm, wallet_pm


def _order(session, product, partner, method):
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
                    "pack_lot_ids": [],
                },
            )
        ],
        "partner_id": partner.id,
        "session_id": session.id,
        "payment_ids": [(0, 0, {"amount": 100.0, "payment_method_id": method.id, "uuid": str(uuid.uuid4())})],
        "uuid": str(uuid.uuid4()),
        "state": "paid",
        "user_id": SUPERUSER_ID,
        "to_invoice": False,
        "last_order_preparation_change": "{}",
    }


def _time_sync(env, data):
    start = time.perf_counter()
    env["pos.order"].sync_from_ui([data])
    env.flush_all()
    return time.perf_counter() - start


def main():
    dbname = sys.argv[1] if len(sys.argv) > 1 else "suite_test_wallet_loyalty"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 40
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
    registry = odoo.modules.registry.Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env, session, product, partner, cash_pm, wallet_pm = _setup(env)
        _time_sync(env, _order(session, product, partner, cash_pm))  # warm-up
        cash, wallet = [], []
        for _i in range(count):  # interleaved so both see the same machine load
            cash.append(_time_sync(env, _order(session, product, partner, cash_pm)))
            wallet.append(_time_sync(env, _order(session, product, partner, wallet_pm)))
        cr.rollback()
    med_cash, med_wallet = statistics.median(cash), statistics.median(wallet)
    print(f"orders per kind: {count}")
    print(f"cash   sync median: {med_cash * 1000:.1f} ms  mean: {statistics.mean(cash) * 1000:.1f} ms")
    print(f"wallet sync median: {med_wallet * 1000:.1f} ms  mean: {statistics.mean(wallet) * 1000:.1f} ms")
    print("ratio wallet/cash (median): %.2fx  (target <= 1.20x)" % (med_wallet / med_cash))


if __name__ == "__main__":
    main()
