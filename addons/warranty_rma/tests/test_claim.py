from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import WarrantyCommon


@tagged("post_install", "-at_install")
class TestClaim(WarrantyCommon):
    def setUp(self):
        super().setUp()
        self.open_new_session()
        self.invoice = self._post_invoice(self.alternator, 2, 2500)
        self.warranty = self.invoice.warranty_ids

    def _flush_tracking(self):
        # tracking values are written by the pre-commit hooks, one message per transaction
        self.env.flush_all()
        self.env.cr.flush()

    def _approved(self, warranty=None, **vals):
        claim = self._claim(warranty or self.warranty, **vals)
        claim.action_receive()
        claim.action_approve()
        return claim

    def test_date_limit_boundaries(self):
        end = self.warranty.date_end
        claim = self._claim(self.warranty, date_claim=end, odometer=50001)
        self.assertEqual(claim.state, "draft")
        claim.action_cancel()
        with self.assertRaisesRegex(UserError, "expired"):
            self._claim(self.warranty, date_claim=end + timedelta(days=1))
        self.assertEqual(self.env["warranty.claim"].search_count([("warranty_id", "=", self.warranty.id)]), 1)

    def test_km_limit_boundaries(self):
        self.assertEqual(self.warranty.km_limit, 70000)
        claim = self._claim(self.warranty, odometer=70000)
        claim.action_cancel()
        with self.assertRaisesRegex(UserError, "70000 km"):
            self._claim(self.warranty, odometer=70001)
        self.vehicle.odometer = 80000
        with self.assertRaisesRegex(UserError, "80000"):
            self._claim(self.warranty)  # the vehicle's current odometer is recorded by default

    def test_bad_input(self):
        with self.assertRaisesRegex(UserError, "no sale"):
            self.env["warranty.claim"].create({"reason": "x"})
        with self.assertRaisesRegex(UserError, "claim 3 units: only 2"):
            self._claim(self.warranty, quantity=3)
        lot = self.env["stock.lot"].create({"name": "SN-OTHER", "product_id": self.alternator.id})
        self.warranty.lot_id = self.env["stock.lot"].create({"name": "SN-SOLD", "product_id": self.alternator.id})
        with self.assertRaisesRegex(UserError, "SN-OTHER"):
            self._claim(self.warranty, lot_id=lot.id)
        with self.assertRaisesRegex(UserError, "No sale"):
            self.env["warranty.claim"].find_warranties(receipt="NO-EXISTE")
        self.assertFalse(self.env["warranty.claim"].search([("warranty_id", "=", self.warranty.id)]))

    def test_find_warranties(self):
        claims = self.env["warranty.claim"]
        self.assertEqual(claims.find_warranties(receipt=self.invoice.name), self.warranty)
        self.assertIn(self.warranty, claims.find_warranties(partner_id=self.customer.id))
        order, _data = self._sync_pos_order([(self.battery, 1)])
        self.assertEqual(claims.find_warranties(receipt=order.pos_reference), order.warranty_ids)

    def test_double_claim_prevented(self):
        first = self._claim(self.warranty, quantity=1)
        with self.assertRaisesRegex(UserError, "already has the open claim"):
            self._claim(self.warranty, quantity=1)
        first.action_cancel()
        second = self._claim(self.warranty, quantity=1)
        # the database refuses two open claims even if the ORM check is bypassed
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute("UPDATE warranty_claim SET state = 'draft' WHERE id = %s", [first.id])
        self.assertEqual(second.state, "draft")

    def test_receive_replace(self):
        # the test classes disable mail tracking: switch it back on to check the status history
        claim = self._claim(self.warranty).with_context(tracking_disable=False, mail_notrack=False)
        self._flush_tracking()  # changes of a record created in the same transaction are not tracked
        claim.action_receive()
        self._flush_tracking()
        receipt = claim.receipt_picking_id
        quarantine = claim.warehouse_id.warranty_quarantine_location_id
        self.assertEqual(receipt.state, "done")
        self.assertEqual(receipt.location_dest_id, quarantine)
        self.assertEqual(self.alternator.with_context(location=quarantine.id).qty_available, 1)
        claim.action_approve()
        self._flush_tracking()
        claim.action_replace()
        self._flush_tracking()
        delivery = claim.replacement_picking_id
        self.assertEqual(claim.state, "resolved")
        self.assertEqual(delivery.picking_type_id, claim.warehouse_id.out_type_id)
        self.assertEqual(delivery.move_ids.product_id, self.alternator)
        self.assertEqual(delivery.move_ids.product_uom_qty, 1)
        self.assertEqual(delivery.location_dest_id, self.env.ref("stock.stock_location_customers"))
        self.assertEqual(claim.cost, 1500.0)
        claim.action_close()
        self.assertEqual(claim.state, "closed")
        self._flush_tracking()
        tracked = claim.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "state")
        self.assertEqual(
            tracked.mapped("new_value_char"), ["Closed", "Resolved", "Approved", "Received"], "the status history"
        )

    def test_reject_needs_reason(self):
        claim = self._claim(self.warranty)
        claim.action_receive()
        with self.assertRaisesRegex(UserError, "reason"):
            claim.action_reject()
        claim.reject_reason = "Golpe en la carcasa"
        claim.action_reject()
        self.assertEqual(claim.state, "rejected")
        self._claim(self.warranty).action_cancel()  # a rejected claim no longer blocks a new one

    def test_refund_invoice_credit_note(self):
        claim = self._approved()
        claim.action_refund()
        refund = claim.refund_move_id
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.reversed_entry_id, self.invoice)
        self.assertEqual(refund.invoice_line_ids.quantity, 1)
        self.assertAlmostEqual(refund.amount_untaxed, 2500.0)
        self.assertEqual(claim.resolution, "refund")

    def test_refund_pos_order(self):
        order, _data = self._sync_pos_order([(self.battery, 2), (self.oil, 1)])
        claim = self._approved(order.warranty_ids, quantity=1)
        claim.action_refund()
        refund = claim.refund_pos_order_id
        self.assertTrue(refund.is_refund)
        self.assertEqual(refund.session_id, self.pos_session)
        self.assertEqual(len(refund.lines), 1)
        self.assertEqual(refund.lines.qty, -1)
        self.assertEqual(refund.lines.refunded_orderline_id.product_id, self.battery)
        self.assertAlmostEqual(refund.amount_total, -1800.0)
        self.assertEqual(refund._warranty_claims_refunded(), claim)
        # the cashier pays the refund out in cash (the back-office payment wizard, as the POS does)
        payment = (
            self.env["pos.make.payment"]
            .with_context(active_id=refund.id, active_ids=refund.ids)
            .create({"payment_method_id": self.cash_pm1.id, "amount": refund.amount_total})
        )
        payment.check()
        self.assertEqual(refund.state, "paid")
        self.assertAlmostEqual(sum(refund.payment_ids.mapped("amount")), -1800.0)
        self.assertEqual(order.lines.filtered(lambda line: line.product_id == self.battery).refunded_qty, 1)
        # no second return of the part: it came back into quarantine with the claim's receipt
        quarantine = claim.warehouse_id.warranty_quarantine_location_id
        self.assertEqual(self.battery.with_context(location=quarantine.id).qty_available, 1)
        self.pos_session.action_pos_session_closing_control()
        self.assertEqual(self.pos_session.state, "closed")
        refund_moves = self.env["stock.move"].search(
            [("product_id", "=", self.battery.id), ("location_dest_id.usage", "=", "internal")]
        )
        self.assertEqual(refund_moves.picking_id, claim.receipt_picking_id, "only the claim's receipt brings it back")

    def test_repair_without_service_orders(self):
        claim = self._approved()
        if "service.order" not in self.env:
            with self.assertRaisesRegex(UserError, "service orders"):
                claim.action_repair()
            self.assertEqual(claim.state, "approved")
        else:
            claim.action_repair()
            self.assertEqual((claim.state, claim.resolution), ("resolved", "repair"))
            # the test user has no workshop rights (the claim made the order with sudo): read it the same way
            orders = self.env["service.order"].sudo()
            order = orders.search([("partner_id", "=", self.customer.id)], order="id desc", limit=1)
            self.assertEqual(order.product_id, self.alternator)
            self.assertEqual(order.vehicle_id, self.vehicle)
            self.assertIn(order.display_name, claim.message_ids.mapped("body")[0])

    def test_supplier_claim(self):
        claim = self._approved()
        self.assertEqual(claim.vendor_id, self.vendor)
        claim.action_replace()
        claim.action_supplier_claim()
        picking = claim.supplier_picking_id
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.partner_id, self.vendor)
        self.assertEqual(picking.location_dest_id, self.env.ref("stock.stock_location_suppliers"))
        quarantine = claim.warehouse_id.warranty_quarantine_location_id
        self.assertEqual(self.alternator.with_context(location=quarantine.id).qty_available, 0)
        self.assertEqual(claim.supplier_state, "sent")
        bill_refund = claim.supplier_refund_id
        self.assertEqual(bill_refund.move_type, "in_refund")
        self.assertAlmostEqual(bill_refund.amount_untaxed, 1400.0)
        bill_refund.invoice_date = bill_refund.date
        bill_refund.action_post()
        self.assertEqual(claim.supplier_state, "credited")
        self.assertAlmostEqual(claim.cost, 1500.0 - 1400.0)
        with self.assertRaises(UserError):
            claim.action_supplier_claim()

    def test_expiry_reminder(self):
        self.warranty.date_end = self.warranty.date_start + timedelta(days=5)
        reminded = self.env["warranty.warranty"]._cron_remind_expiring()
        self.assertIn(self.warranty, reminded)
        self.assertTrue(self.warranty.activity_ids)
        self.assertNotIn(self.warranty, self.env["warranty.warranty"]._cron_remind_expiring())

    def test_wallet_credit(self):
        claim = self._approved(quantity=1)
        if not self.env["res.partner"]._warranty_wallet_installed():
            self.assertFalse(claim.wallet_available, "no wallet button without wallet_loyalty")
            with self.assertRaisesRegex(UserError, "wallet_loyalty"):
                claim.action_wallet_credit()
            self.assertEqual(claim.state, "approved")
            self.assertFalse(claim.wallet_amount)
            return
        # an unpaid invoice is settled by a plain credit note, never by wallet money
        with self.assertRaisesRegex(UserError, "not paid"):
            claim.action_wallet_credit()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=self.invoice.ids
        ).create({})._create_payments()
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        partner = self.customer.with_company(claim.company_id)
        before = partner.wallet_balance
        claim.action_wallet_credit()
        self.assertEqual((claim.state, claim.resolution), ("resolved", "wallet"))
        # accounting: a posted credit note against the invoice, its receivable moved to the wallet liability
        refund = claim.refund_move_id
        self.assertEqual((refund.move_type, refund.state), ("out_refund", "posted"))
        self.assertEqual(refund.reversed_entry_id, self.invoice)
        self.assertAlmostEqual(refund.amount_untaxed, 2500.0)
        self.assertAlmostEqual(claim.wallet_amount, refund.amount_total)
        receivable = refund.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable")
        self.assertTrue(receivable.reconciled, "the customer is owed nothing on the receivable")
        liability = claim.wallet_move_id.line_ids.filtered(lambda line: line.credit)
        self.assertEqual(liability.account_id, claim.company_id._wallet_liability_account())
        self.assertAlmostEqual(liability.credit, refund.amount_total)
        # the wallet: credited once, even when the same origin is credited again
        partner.invalidate_recordset(["wallet_balance"])
        self.assertAlmostEqual(partner.wallet_balance, before + refund.amount_total)
        partner._warranty_wallet_credit(refund.amount_total, claim.company_id, "retry", claim.wallet_reference)
        partner.invalidate_recordset(["wallet_balance"])
        self.assertAlmostEqual(partner.wallet_balance, before + refund.amount_total)
        self.assertAlmostEqual(claim.cost, self.warranty.price_unit)

    def test_claim_rate_by_product_brand_supplier(self):
        other = self._post_invoice(self.alternator, 1, 2500).warranty_ids
        warranties = self.warranty | other
        self.assertEqual(warranties.vendor_id, self.vendor)
        claim = self._claim(self.warranty)
        Warranty = self.env["warranty.warranty"]
        for group_by, key in (("product_id", self.alternator), ("brand", "Bosch"), ("vendor_id", self.vendor)):
            groups = Warranty._read_group([("id", "in", warranties.ids)], [group_by], ["claim_rate:avg", "__count"])
            self.assertEqual(groups, [(key, 50.0, 2)], group_by)
        claim.action_cancel()
        groups = Warranty._read_group([("id", "in", warranties.ids)], [], ["claim_rate:avg"])
        self.assertEqual(groups, [(0.0,)], "a cancelled claim does not count")
