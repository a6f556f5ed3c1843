import psycopg2.errors

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import WalletPosCommon


@tagged("post_install", "-at_install")
class TestWalletPos(WalletPosCommon):
    def test_topup_then_pay_ledger_arithmetic(self):
        self._topup(300.0)
        self.assertEqual(self.balance(), 300.0)
        order = self._sync(self._order([(self.product, 2)], [(self.wallet_pm, 200.0)]))
        self.assertEqual(order.state, "paid")
        self.assertEqual(self.balance(), 100.0)
        ledger = self.env["wallet.transaction"].search([("partner_id", "=", self.partner.id)], order="id")
        self.assertEqual(ledger.mapped("amount"), [300.0, -200.0])
        self.assertEqual(ledger.mapped("balance_after"), [300.0, 100.0])
        self.assertEqual(ledger[1].pos_order_id, order)
        self.assertEqual(ledger[1].pos_payment_id, order.payment_ids)
        self.assertEqual(sum(ledger.mapped("amount")), self.balance())
        # Odoo's own card history mirrors the ledger.
        card = ledger.card_id
        self.assertEqual(sum(card.history_ids.mapped("issued")) - sum(card.history_ids.mapped("used")), 100.0)

    def test_same_order_synced_twice(self):
        self._topup(500.0)
        data = self._order([(self.product, 1)], [(self.wallet_pm, 100.0)])
        first = self._sync(data)
        second = self._sync(dict(data))
        self.assertEqual(first, second)
        self.assertEqual(self.balance(), 400.0)
        self.assertEqual(len(first.wallet_transaction_ids), 1)
        # Even if processing is forced again, the uuid key refuses a second debit.
        first._wallet_apply_movements()
        self.assertEqual(self.balance(), 400.0)
        self.assertEqual(self.env["wallet.transaction"].search_count([("pos_order_id", "=", first.id)]), 1)

    def test_offline_order_replayed(self):
        self._topup(500.0)
        data = self._order([(self.product, 1)], [(self.wallet_pm, 100.0)])
        draft = self._sync(dict(data, state="draft"))
        self.assertEqual(draft.state, "draft")
        self.assertEqual(self.balance(), 500.0, "a draft order does not move money")
        paid = self._sync(dict(data))
        self.assertEqual(paid, draft)
        self.assertEqual(paid.state, "paid")
        self.assertEqual(self.balance(), 400.0)
        # The offline queue replays the same order again later.
        self._sync(dict(data))
        self.assertEqual(self.balance(), 400.0)

    def test_insufficient_balance_writes_nothing(self):
        self._topup(50.0)
        data = self._order([(self.product, 1)], [(self.wallet_pm, 100.0)])
        with (
            self.assertRaisesRegex(UserError, "Insufficient wallet balance"),
            mute_logger("odoo.addons.point_of_sale.models.pos_order"),
            self.env.cr.savepoint(),
        ):
            self._sync(data)
        self.assertEqual(self.balance(), 50.0)
        self.assertFalse(self.env["pos.order"].search([("uuid", "=", data["uuid"])]))

    def test_wallet_without_customer_refused(self):
        data = self._order([(self.product, 1)], [(self.wallet_pm, 100.0)])
        data["partner_id"] = False
        with self.assertRaisesRegex(UserError, "Select a customer"), self.env.cr.savepoint():
            self._sync(data)

    def test_topup_cannot_be_paid_with_wallet(self):
        self._topup(500.0)
        data = self._order([self._topup_line(100.0)], [(self.wallet_pm, 100.0)])
        data["lines"][0][2].update(price_subtotal=100.0, price_subtotal_incl=100.0)
        with self.assertRaisesRegex(UserError, "cannot be paid with the wallet"), self.env.cr.savepoint():
            self._sync(data)
        self.assertEqual(self.balance(), 500.0)

    def test_refund_goes_back_to_wallet(self):
        self._topup(300.0)
        order = self._sync(self._order([(self.product, 2)], [(self.wallet_pm, 200.0)]))
        self.assertEqual(self.balance(), 100.0)
        refund_data = self._order([(self.product, -2)], [(self.wallet_pm, -200.0)])
        refund_data["lines"][0][2]["refunded_orderline_id"] = order.lines.id
        refund = self._sync(refund_data).filtered(lambda o: o.uuid == refund_data["uuid"])
        self.assertEqual(self.balance(), 300.0)
        self.assertEqual(refund.wallet_transaction_ids.movement_type, "refund")

    def test_absurd_topups_refused(self):
        for amount in (-10.0, 0.0, 10**7):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                self.partner.action_wallet_topup(amount, f"bad-{amount}")
        self.assertEqual(self.balance(), 0.0)
        self.assertFalse(self.env["wallet.transaction"].search([("partner_id", "=", self.partner.id)]))

    def test_backoffice_topup_idempotent(self):
        self.partner.action_wallet_topup(120.0, "ref-1")
        self.partner.action_wallet_topup(120.0, "ref-1")
        self.assertEqual(self.balance(), 120.0)

    def test_balance_never_negative_in_database(self):
        self._topup(10.0)
        card = self.partner.with_company(self.company)._wallet_card()
        with self.assertRaises(UserError):
            card.points = -5
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.CheckViolation), self.env.cr.savepoint():
            self.env.cr.execute("UPDATE loyalty_card SET points = -5 WHERE id = %s", [card.id])

    def test_ledger_immutable(self):
        self._topup(10.0)
        move = self.env["wallet.transaction"].search([("partner_id", "=", self.partner.id)])
        with self.assertRaises(UserError):
            move.write({"amount": 1000})
        with self.assertRaises(UserError):
            move.unlink()

    def test_wallet_method_needs_bank_journal(self):
        with self.assertRaises(ValidationError):
            self.pay_later_pm.is_wallet = True

    def test_tier_boundaries_and_savings(self):
        order = self._sync(self._order([(self.product, 4)], [(self.cash_pm1, 400.0)]))
        self.assertEqual(order.savings_amount, 80.0)
        self.assertEqual(self.partner.with_company(self.company).wallet_tier_id.code, "bronze")
        self._sync(self._order([(self.product, 1)], [(self.cash_pm1, 100.0)]))
        partner = self.partner.with_company(self.company)
        self.assertEqual(partner.wallet_spend_12m, 500.0)
        self.assertEqual(partner.wallet_tier_id.code, "silver", "a spend equal to the threshold reaches the tier")
        self.env["wallet.tier"].search([("code", "=", "silver"), ("company_id", "=", self.company.id)]).min_spend = 501
        self.env["res.partner"]._cron_recompute_wallet_tiers()
        self.assertEqual(partner.wallet_tier_id.code, "bronze")

    def test_fiado_limit_and_manager_override(self):
        self.partner.with_company(self.company).fiado_limit = 150.0
        self._sync(self._order([(self.product, 1)], [(self.pay_later_pm, 100.0)]))
        self.assertEqual(self.partner.with_company(self.company).fiado_due, 100.0)
        over = self._order([(self.product, 1)], [(self.pay_later_pm, 100.0)])
        with self.assertRaisesRegex(UserError, "Store credit limit exceeded"), self.env.cr.savepoint():
            self._sync(dict(over))
        cashier = self.env["res.users"].create(
            {
                "name": "Cajero",
                "login": "cajero_fiado",
                "group_ids": [(6, 0, self.env.ref("point_of_sale.group_pos_user").ids)],
            }
        )
        with self.assertRaisesRegex(UserError, "Store credit limit exceeded"), self.env.cr.savepoint():
            self._sync(dict(over, fiado_approver_id=cashier.id))
        manager = self.env["res.users"].create(
            {
                "name": "Gerente",
                "login": "gerente_fiado",
                "group_ids": [(6, 0, self.env.ref("point_of_sale.group_pos_manager").ids)],
            }
        )
        order = self._sync(dict(over, fiado_approver_id=manager.id))
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.fiado_approver_id, manager)
