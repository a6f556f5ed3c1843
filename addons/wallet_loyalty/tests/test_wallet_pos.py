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
        # Saved as a draft while offline (no payment yet), then paid, then the queue replays it.
        draft = self._sync(dict(data, state="draft", payment_ids=[]))
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
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env["pos.payment.method"].create(
                {"name": "Monedero sin diario", "split_transactions": True, "is_wallet": True}
            )

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
                "company_id": self.company.id,
                "company_ids": [(6, 0, self.company.ids)],
                "group_ids": [(6, 0, self.env.ref("point_of_sale.group_pos_user").ids)],
            }
        )
        manager = self.env["res.users"].create(
            {
                "name": "Gerente",
                "login": "gerente_fiado",
                "company_id": self.company.id,
                "company_ids": [(6, 0, self.company.ids)],
                "group_ids": [(6, 0, self.env.ref("point_of_sale.group_pos_manager").ids)],
            }
        )
        manager.wallet_pin = "4321"
        cashier.sudo().wallet_pin_hash = manager.sudo().wallet_pin_hash  # a cashier's PIN approves nothing
        self.assertNotIn("4321", manager.sudo().wallet_pin_hash, "only a salted hash is stored")
        # Naming a manager in the order data is not an approval.
        with self.assertRaisesRegex(UserError, "Store credit limit exceeded"), self.env.cr.savepoint():
            self._sync(dict(over, fiado_approver_id=manager.id))
        config = self.config.with_user(cashier)
        refused = config.wallet_fiado_approve(self.partner.id, 100.0, over["uuid"], "0000")
        self.assertFalse(refused["approved"])
        self.assertIn("Wrong PIN", refused["message"])
        self.assertFalse(self.env["wallet.fiado.approval"].search([("order_uuid", "=", over["uuid"])]))
        # An approval for a smaller amount does not cover this sale.
        config.wallet_fiado_approve(self.partner.id, 50.0, over["uuid"], "4321")
        with self.assertRaisesRegex(UserError, "Store credit limit exceeded"), self.env.cr.savepoint():
            self._sync(dict(over))
        result = config.wallet_fiado_approve(self.partner.id, 100.0, over["uuid"], "4321")
        self.assertEqual((result["approved"], result["approver_id"]), (True, manager.id))
        self.assertEqual(self.config.wallet_pin_failures, 0, "a right PIN resets the failure count")
        order = self._sync(dict(over))
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.fiado_approver_id, manager)
        self.assertEqual(self.partner.with_company(self.company).fiado_due, 200.0)

    def test_points_with_tier_multiplier(self):
        self.company.wallet_points_rate = 0.1
        silver = self.env["wallet.tier"].search([("code", "=", "silver"), ("company_id", "=", self.company.id)])
        silver.points_multiplier = 2.0
        partner = self.partner.with_company(self.company)
        first = self._sync(self._order([(self.product, 5)], [(self.cash_pm1, 500.0)]))
        self.assertEqual(partner.wallet_points, 50.0, "bronze: 500 x 0.1 x 1")
        self.assertEqual(partner.wallet_tier_id.code, "silver")
        self._sync(self._order([(self.product, 1)], [(self.cash_pm1, 100.0)]))
        partner.invalidate_recordset(["wallet_points"])
        self.assertEqual(partner.wallet_points, 70.0, "silver: 100 x 0.1 x 2")
        # A top-up earns no points; the same order processed again earns nothing more.
        self._topup(300.0)
        first._wallet_award_points()
        partner.invalidate_recordset(["wallet_points"])
        self.assertEqual(partner.wallet_points, 70.0)
        history = partner._wallet_points_card().history_ids
        self.assertEqual(sorted(history.mapped("issued")), [20.0, 50.0])

    def test_wallet_credit_for_other_addons(self):
        move = self.partner._wallet_credit(250.0, self.company, "Garantía RMA/0001", "warranty:1")
        self.assertEqual((move.movement_type, move.amount, move.balance_after), ("credit", 250.0, 250.0))
        again = self.partner._wallet_credit(250.0, self.company, "Garantía RMA/0001", "warranty:1")
        self.assertEqual(again, move, "idempotent on the origin")
        self.assertEqual(self.balance(), 250.0)
        for amount, origin in ((-5.0, "warranty:2"), (10**8, "warranty:3"), (10.0, "")):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                self.partner._wallet_credit(amount, self.company, "x", origin)
        self.assertEqual(self.balance(), 250.0)
        # The credited balance pays at the POS like any top-up.
        self._sync(self._order([(self.product, 2)], [(self.wallet_pm, 200.0)]))
        self.assertEqual(self.balance(), 50.0)

    def test_fiado_paid_off_at_the_pos(self):
        partner = self.partner.with_company(self.company)
        partner.fiado_limit = 500.0
        self._sync(self._order([(self.product, 3)], [(self.pay_later_pm, 300.0)]))
        self.assertEqual(partner.fiado_due, 300.0)
        # Odoo's Customer Account settlement: an order without lines, cash in, Customer Account out.
        settle = self._order([], [(self.cash_pm1, 200.0), (self.pay_later_pm, -200.0)])
        order = self._sync(settle)
        self.assertEqual(order.state, "paid")
        partner.invalidate_recordset(["fiado_due"])
        self.assertEqual(partner.fiado_due, 100.0)
        self.assertFalse(order.fiado_approver_id)

    def test_errors_in_spanish(self):
        self._topup(50.0)
        data = self._order([(self.product, 1)], [(self.wallet_pm, 100.0)])
        Order = self.env["pos.order"].with_context(lang="es_MX")
        with (
            self.assertRaisesRegex(UserError, "Saldo insuficiente en el monedero de Cliente Monedero"),
            mute_logger("odoo.addons.point_of_sale.models.pos_order"),
            self.env.cr.savepoint(),
        ):
            Order.sync_from_ui([data])
        with self.assertRaisesRegex(UserError, "rebasa el máximo permitido"), self.env.cr.savepoint():
            self.partner.with_context(lang="es_MX").action_wallet_topup(10**7, "es-1")
        self.assertEqual(self.balance(), 50.0)

    def test_pin_guessing_locks_the_pos(self):
        manager = self.env["res.users"].create(
            {
                "name": "Gerente bloqueo",
                "login": "gerente_bloqueo",
                "company_id": self.company.id,
                "company_ids": [(6, 0, self.company.ids)],
                "group_ids": [(6, 0, self.env.ref("point_of_sale.group_pos_manager").ids)],
            }
        )
        manager.wallet_pin = "9753"
        for pin in ("0001", "0002", "0003", "0004", "0005"):
            self.assertFalse(self.config.wallet_fiado_approve(self.partner.id, 10.0, "uuid-lock", pin)["approved"])
        self.assertTrue(self.config.wallet_pin_locked_until)
        locked = self.config.wallet_fiado_approve(self.partner.id, 10.0, "uuid-lock", "9753")
        self.assertFalse(locked["approved"], "even the right PIN waits for the lock to expire")
        self.assertIn("Too many wrong PINs", locked["message"])
        self.config.sudo().wallet_pin_locked_until = False
        self.assertTrue(self.config.wallet_fiado_approve(self.partner.id, 10.0, "uuid-lock", "9753")["approved"])
