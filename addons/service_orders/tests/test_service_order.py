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
        ready_mail = order.message_ids.filtered(lambda m: "ready for pickup" in (m.subject or ""))
        self.assertEqual(len(ready_mail), 1, "the customer is told by email that the vehicle is ready")
        self.assertIn(self.customer, ready_mail.partner_ids)
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

    def test_sla_cron_warns_once_per_stage_stay(self):
        self.stage["received"].sla_hours = 1
        late = self._new_order(user_id=self.env.user.id)
        late.stage_date_in = "2020-01-01 00:00:00"
        on_time = self._new_order()
        self.env["service.order"]._cron_sla_warning()
        self.assertEqual(len(late.activity_ids), 1)
        self.assertIn("SLA", late.activity_ids.summary)
        self.assertFalse(on_time.activity_ids)
        self.env["service.order"]._cron_sla_warning()
        self.assertEqual(len(late.activity_ids), 1, "one warning per stay in a stage")
        self._walk(late, "diagnosis")
        self.assertFalse(late.sla_warned)

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
        # the form's fields are readable without purchase rights (purchase requests count)
        mine.with_user(tech).read(["name", "purchase_count", "checklist_line_ids", "stage_history_ids", "amount_total"])

    @mute_logger("odoo.addons.base.models.ir_model", "odoo.models")
    def test_user_without_group_refused(self):
        nobody = new_test_user(self.env, "nobody_so", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["service.order"].with_user(nobody).search([])

    def test_missing_part_raises_one_purchase_request(self):
        vendor = self.env["res.partner"].create({"name": "Proveedor de balatas"})
        self.env["product.supplierinfo"].create(
            {"partner_id": vendor.id, "product_tmpl_id": self.part.product_tmpl_id.id, "price": 320.0}
        )
        order = self._new_order()
        self._add_part(order, 3)
        self._set_stock(self.part, 1)
        self._walk(order, "diagnosis")
        self._approve(order)
        order.stage_id = self.stage["repair"]
        self.assertEqual(order.stage_code, "waiting_parts")
        rfq = order.purchase_order_ids
        self.assertEqual(len(rfq), 1)
        self.assertEqual((rfq.partner_id, rfq.state, rfq.origin), (vendor, "draft", order.name))
        self.assertEqual(rfq.order_line.product_id, self.part)
        self.assertEqual(rfq.order_line.product_qty, 2, "only what is missing: 3 needed, 1 reserved")
        self.assertEqual(rfq.order_line.price_unit, 320.0)
        # asking again does not order the same parts twice
        order.action_request_parts()
        self.assertEqual(order.purchase_order_ids, rfq)
        self.assertEqual(rfq.order_line.product_qty, 2)
        self.assertEqual(order.purchase_count, 1)

    def test_missing_part_without_vendor_only_warns(self):
        order = self._new_order()
        self._add_part(order, 1)
        self._walk(order, "diagnosis")
        order.action_check_parts()
        self.assertEqual(order.stage_code, "waiting_parts")
        self.assertFalse(order.purchase_order_ids)
        self.assertIn("No vendor", order.activity_ids.note)
        self._set_stock(self.part, 1)
        with self.assertRaisesRegex(UserError, "in stock"):
            order.action_request_parts()

    def test_checklist_of_service_type_required_before_diagnosis(self):
        brakes = self.env["service.order.type"].create(
            {
                "name": "Frenos prueba",
                "checklist_item_ids": [
                    (0, 0, {"name": "Pedal", "sequence": 1}),
                    (0, 0, {"name": "Objetos de valor", "sequence": 2, "is_required": False}),
                ],
            }
        )
        order = self._new_order(service_type_id=brakes.id)
        self.assertEqual(order.checklist_line_ids.mapped("name"), ["Pedal", "Objetos de valor"])
        with self.assertRaisesRegex(UserError, "checklist"):
            order.stage_id = self.stage["diagnosis"]
        self.assertEqual(order.stage_code, "received")
        order.checklist_line_ids[0].result = "attention"
        self._walk(order, "diagnosis")
        self.assertEqual(order.stage_code, "diagnosis")
        # changing the type keeps the answered checks and brings the new type's items
        oil = self.env["service.order.type"].create(
            {"name": "Aceite prueba", "checklist_item_ids": [(0, 0, {"name": "Nivel de aceite"})]}
        )
        order.service_type_id = oil
        self.assertEqual(order.checklist_line_ids.mapped("name"), ["Pedal", "Nivel de aceite"])

    def test_cancel_allowed_with_checklist_pending(self):
        order = self._new_order(service_type_id=self.env.ref("service_orders.service_type_brakes").id)
        self.assertTrue(order.checklist_line_ids)
        order.action_cancel_order()
        self.assertEqual(order.stage_code, "cancelled")

    def test_billing_twice_returns_the_same_quotation(self):
        order = self._new_order(labour_ids=[(0, 0, {"product_id": self.labour_product.id, "hours": 1})])
        order.action_create_sale_order()
        sale = order.sale_order_id
        action = order.action_create_sale_order()
        self.assertEqual(order.sale_order_id, sale)
        self.assertEqual(action["res_id"], sale.id)
        self.assertEqual(len(sale.order_line), 1, "labour is not added twice")

    def test_reports_render(self):
        order = self._new_order(
            service_type_id=self.env.ref("service_orders.service_type_oil").id,
            complaint="Cambio de aceite",
            labour_ids=[(0, 0, {"product_id": self.labour_product.id, "hours": 1})],
        )
        report = self.env["ir.actions.report"]
        for name in ("service_orders.report_work_order", "service_orders.report_delivery_receipt"):
            html = report._render_qweb_html(name, order.ids)[0].decode()
            self.assertIn(order.name, html)
            self.assertIn(self.vehicle.license_plate, html)
        html = report._render_qweb_html("service_orders.report_work_order", order.ids)[0].decode()
        self.assertIn("Hora de taller", html)
        self.assertIn(order.checklist_line_ids[0].name, html)

    def test_only_a_manager_hands_a_vehicle_over(self):
        advisor = new_test_user(self.env, "so_adv_owner", groups="service_orders.group_service_orders_user")
        manager = new_test_user(self.env, "so_mgr_owner", groups="service_orders.group_service_orders_manager")
        buyer = self.env["res.partner"].create({"name": "Comprador del auto"})
        with self.assertRaisesRegex(AccessError, "owner"):
            self.vehicle.with_user(advisor).write({"customer_id": buyer.id})
        self.assertEqual(self.vehicle.customer_id, self.customer)
        self.vehicle.with_user(manager).write({"customer_id": buyer.id})
        self.assertEqual(self.vehicle.customer_id, buyer)
