from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import ServiceOrderCommon


@tagged("post_install", "-at_install")
class TestServiceOrder(ServiceOrderCommon):
    def test_create_links_customer_repair_and_history(self):
        order = self._new_order()
        self.assertEqual(order.partner_id, self.customer)
        self.assertTrue(order.repair_id)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.stage_id, self.stage["received"])
        self.assertEqual(order.stage_history_ids.stage_id, self.stage["received"])
        self.assertFalse(order.stage_history_ids.date_out)

    def test_stage_history_records_each_change(self):
        order = self._new_order()
        self._walk(order, "diagnosis")
        history = order.stage_history_ids.sorted("id")
        self.assertEqual(history.stage_id.mapped("code"), ["received", "diagnosis"])
        self.assertTrue(history[0].date_out)
        self.assertFalse(history[1].date_out)
        self.assertEqual(history[1].user_id, self.env.user)
        self.assertGreaterEqual(history[0].duration_hours, 0.0)

    def test_cannot_skip_required_stage(self):
        order = self._new_order()
        with self.assertRaisesRegex(UserError, "without going through"):
            order.stage_id = self.stage["ready"]
        self.assertEqual(order.stage_id, self.stage["received"])
        self.assertEqual(len(order.stage_history_ids), 1)

    def test_repair_needs_approved_quote(self):
        order = self._new_order()
        self._walk(order, "diagnosis")
        with self.assertRaisesRegex(UserError, "approve the quote"):
            order.stage_id = self.stage["repair"]
        with self.assertRaisesRegex(UserError, "who approved"):
            order.action_approve_quote()
        self._approve(order)
        self.assertEqual(order.quote_state, "approved")
        self.assertTrue(order.quote_approval_date)
        self._walk(order, "repair")
        self.assertEqual(order.state, "under_repair")

    def test_missing_part_goes_to_waiting_parts_then_consumes_once(self):
        order = self._new_order()
        self._add_part(order, 2)
        self._walk(order, "diagnosis")
        self._approve(order)
        order.stage_id = self.stage["repair"]
        self.assertEqual(order.stage_code, "waiting_parts")
        self.assertTrue(order.activity_ids, "a purchase activity is raised for the missing part")
        self._set_stock(self.part, 5)
        self._walk(order, "repair")
        self.assertEqual(order.state, "under_repair")
        self.assertEqual(order.move_ids.quantity, 2)
        self._walk(order, "quality_check", "ready")
        self.assertEqual(order.state, "done")
        self.assertEqual(order.move_ids.state, "done")
        self.assertEqual(self.part.with_context(location=self.stock_location.id).qty_available, 3)
        self._walk(order, "delivered")
        self.assertTrue(order.delivery_date)
        with self.assertRaisesRegex(UserError, "closed"):
            order.stage_id = self.stage["repair"]
        self.assertEqual(self.part.with_context(location=self.stock_location.id).qty_available, 3)

    def test_ready_refused_when_part_not_in_stock(self):
        order = self._new_order()
        self._walk(order, "diagnosis")
        self._approve(order)
        self._walk(order, "repair", "quality_check")
        self._add_part(order, 1)
        with self.assertRaisesRegex(UserError, "Not enough stock"):
            order.stage_id = self.stage["ready"]
        self.assertEqual(order.stage_code, "quality_check")
        self.assertEqual(order.state, "under_repair")

    def test_labour_totals(self):
        order = self._new_order(
            labour_ids=[
                (0, 0, {"product_id": self.labour_product.id, "hours": 1.5}),
                (0, 0, {"product_id": self.labour_product.id, "hours": 2, "rate": 350.0}),
            ]
        )
        self._add_part(order, 2)
        self.assertEqual(order.labour_ids[0].rate, 400.0)
        self.assertEqual(order.labour_amount, 600.0 + 700.0)
        self.assertEqual(order.parts_amount, 1200.0)
        self.assertEqual(order.amount_total, 2500.0)

    def test_sale_order_gets_parts_and_labour(self):
        order = self._new_order(labour_ids=[(0, 0, {"product_id": self.labour_product.id, "hours": 2})])
        self._add_part(order, 1)
        order.action_create_sale_order()
        lines = order.sale_order_id.order_line
        self.assertEqual(set(lines.product_id.ids), {self.part.id, self.labour_product.id})
        self.assertEqual(lines.filtered(lambda line: line.product_id == self.labour_product).price_subtotal, 800.0)

    def test_checkin_odometer_logged_and_never_backwards(self):
        self._new_order(checkin_odometer=50000)
        self.assertEqual(self.vehicle.odometer, 50000)
        with self.assertRaisesRegex(ValidationError, "backwards"):
            self._new_order(checkin_odometer=49000)
        self.assertEqual(self.vehicle.odometer, 50000)

    def test_cancel_and_sla(self):
        order = self._new_order()
        self.stage["received"].sla_hours = 1
        order.stage_date_in = "2020-01-01 00:00:00"
        self.assertTrue(order.is_sla_late)
        self.assertIn(order, self.env["service.order"].search([("is_sla_late", "=", True)]))
        order.action_cancel_order()
        self.assertEqual(order.state, "cancel")
        self.assertNotIn(order, self.env["service.order"].search([("is_sla_late", "=", True)]))

    def test_whatsapp_link(self):
        order = self._new_order()
        self.assertTrue(order.whatsapp_url.startswith("https://wa.me/525511112222?text="))

    def test_technician_sees_only_assigned_orders(self):
        tech = new_test_user(self.env, "tech_so", groups="service_orders.group_service_orders_technician")
        mine = self._new_order(technician_id=tech.id)
        other = self._new_order()
        visible = self.env["service.order"].with_user(tech).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(other, visible)
        with self.assertRaises(AccessError):
            other.with_user(tech).read(["name"])

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_user_without_group_refused(self):
        nobody = new_test_user(self.env, "nobody_so", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["service.order"].with_user(nobody).search([])
