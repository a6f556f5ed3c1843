#!/usr/bin/env python3
"""Benchmark: POS order sync with wallet payments vs plain cash, in the same run.

Usage (database with wallet_loyalty installed, e.g. the one `scripts/test.sh wallet_loyalty` leaves):
    PYTHONPATH=vendor/odoo/usr/lib/python3/dist-packages .venv/bin/python \
        scripts/bench/wallet_loyalty_sync.py suite_test_wallet_loyalty [orders]

Everything runs in one transaction that is rolled back: the database is left untouched.
"""

import statistics
import sys
import uuid

from bench_common import configure_odoo, time_sync, ui_order

import odoo
from odoo import SUPERUSER_ID, api


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


def main():
    dbname = sys.argv[1] if len(sys.argv) > 1 else "suite_test_wallet_loyalty"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    configure_odoo()
    registry = odoo.modules.registry.Registry(dbname)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env, session, product, partner, cash_pm, wallet_pm = _setup(env)
        time_sync(env, ui_order(session, product, cash_pm, partner))  # warm-up
        cash, wallet = [], []
        for _i in range(count):  # interleaved so both see the same machine load
            cash.append(time_sync(env, ui_order(session, product, cash_pm, partner)))
            wallet.append(time_sync(env, ui_order(session, product, wallet_pm, partner)))
        cr.rollback()
    med_cash, med_wallet = statistics.median(cash), statistics.median(wallet)
    print(f"orders per kind: {count}")
    print(f"cash   sync median: {med_cash * 1000:.1f} ms  mean: {statistics.mean(cash) * 1000:.1f} ms")
    print(f"wallet sync median: {med_wallet * 1000:.1f} ms  mean: {statistics.mean(wallet) * 1000:.1f} ms")
    print("ratio wallet/cash (median): %.2fx  (target <= 1.20x)" % (med_wallet / med_cash))


if __name__ == "__main__":
    main()
