from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common import WarrantyCommon


@tagged("post_install", "-at_install")
class TestRegistration(WarrantyCommon):
    def setUp(self):
        super().setUp()
        self.open_new_session()

    def test_pos_order_registers_once_when_synced_twice(self):
        order, data = self._sync_pos_order([(self.alternator, 1), (self.oil, 2), (self.battery, 2)])
        warranties = order.warranty_ids
        self.assertEqual(len(warranties), 2, "one warranty per line under warranty, none for oil")
        self.assertEqual(set(warranties.product_id.ids), {self.alternator.id, self.battery.id})
        battery = warranties.filtered(lambda w: w.product_id == self.battery)
        self.assertEqual(battery.quantity, 2)
        self.assertEqual(battery.term_id, self.term_24m, "product term overrides the category")
        self.assertEqual(battery.partner_id, self.customer)
        self.assertEqual(battery.origin_ref, order.pos_reference or order.name)
        # the same order synchronised again (offline POS retry) registers nothing new
        self.env["pos.order"].sync_from_ui([data])
        order._warranty_register()
        self.assertEqual(self.env["warranty.warranty"].search_count([("pos_order_id", "=", order.id)]), 2)

    def test_pos_dates_and_km_limit(self):
        order, _data = self._sync_pos_order([(self.alternator, 1)])
        warranty = order.warranty_ids
        start = warranty.date_start
        self.assertEqual(warranty.date_end.year * 12 + warranty.date_end.month, start.year * 12 + start.month + 12)
        self.assertEqual(warranty.vehicle_id, self.vehicle, "the customer's only car")
        self.assertEqual(warranty.odometer_start, 50000)
        self.assertEqual(warranty.km_limit, 70000)

    def test_pos_refund_line_registers_nothing(self):
        order, _data = self._sync_pos_order([(self.alternator, 1)])
        refund = order._refund()
        self.assertFalse(refund.lines.filtered(lambda line: line.qty > 0))
        refund._warranty_register()
        self.assertFalse(self.env["warranty.warranty"].search([("pos_order_id", "=", refund.id)]))

    def test_invoice_registers_on_post_only(self):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_line_ids": [
                    Command.create({"product_id": self.battery.id, "quantity": 3, "price_unit": 1800})
                ],
            }
        )
        self.assertFalse(invoice.warranty_ids, "a draft invoice registers nothing")
        invoice.action_post()
        self.assertEqual(len(invoice.warranty_ids), 1)
        self.assertEqual(invoice.warranty_ids.quantity, 3)
        self.assertEqual(invoice.warranty_ids.invoice_line_id, invoice.invoice_line_ids)
        invoice.button_draft()
        invoice.action_post()
        self.assertEqual(len(invoice.warranty_ids), 1, "re-posting does not duplicate")

    def test_invoiced_pos_order_registers_from_pos_only(self):
        order, _data = self._sync_pos_order([(self.battery, 1)], is_invoiced=True)
        self.assertTrue(order.account_move, "the POS order was invoiced")
        warranties = self.env["warranty.warranty"].search([("product_id", "=", self.battery.id)])
        self.assertEqual(len(warranties), 1)
        self.assertEqual(warranties.pos_order_id, order)
        self.assertFalse(warranties.invoice_line_id)

    def test_pos_serials_register_one_warranty_each(self):
        self.alternator.write({"is_storable": True, "tracking": "serial"})
        lots = self.env["stock.lot"].create(
            [{"name": name, "product_id": self.alternator.id} for name in ("SN-A1", "SN-A2")]
        )
        line = {
            "product": self.alternator,
            "quantity": 2,
            "pack_lot_ids": [Command.create({"lot_name": "SN-A1"}), Command.create({"lot_name": "SN-A2"})],
        }
        order, _data = self._sync_pos_order([line])
        warranties = order.warranty_ids
        self.assertEqual(len(warranties), 2)
        self.assertEqual(warranties.lot_id, lots)
        self.assertEqual(warranties.mapped("quantity"), [1.0, 1.0])
        second = warranties.filtered(lambda w: w.lot_id.name == "SN-A2")
        self.assertEqual(self.env["warranty.claim"].find_warranties(serial="SN-A2"), second)
        with self.assertRaisesRegex(UserError, "SN-A1"):
            self._claim(second, lot_id=lots.filtered(lambda lot: lot.name == "SN-A1").id)
        self.assertFalse(second.claim_ids)
