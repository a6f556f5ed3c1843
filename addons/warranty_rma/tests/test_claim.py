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
        with self.assertRaisesRegex(UserError, "3.0 units"):
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
        claim = self._claim(self.warranty)
        claim.action_receive()
        receipt = claim.receipt_picking_id
        quarantine = claim.warehouse_id.warranty_quarantine_location_id
        self.assertEqual(receipt.state, "done")
        self.assertEqual(receipt.location_dest_id, quarantine)
        self.assertEqual(self.alternator.with_context(location=quarantine.id).qty_available, 1)
        claim.action_approve()
        claim.action_replace()
        delivery = claim.replacement_picking_id
        self.assertEqual(claim.state, "resolved")
        self.assertEqual(delivery.picking_type_id, claim.warehouse_id.out_type_id)
        self.assertEqual(delivery.move_ids.product_id, self.alternator)
        self.assertEqual(delivery.move_ids.product_uom_qty, 1)
        self.assertEqual(delivery.location_dest_id, self.env.ref("stock.stock_location_customers"))
        self.assertEqual(claim.cost, 1500.0)
        claim.action_close()
        self.assertEqual(claim.state, "closed")
        tracked = claim.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "state")
        self.assertGreaterEqual(len(tracked), 4, "the status history is tracked")

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

    def test_repair_without_service_orders(self):
        claim = self._approved()
        if "service.order" not in self.env:
            with self.assertRaisesRegex(UserError, "service orders"):
                claim.action_repair()
            self.assertEqual(claim.state, "approved")
        else:
            claim.action_repair()
            self.assertEqual(claim.resolution, "repair")

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
