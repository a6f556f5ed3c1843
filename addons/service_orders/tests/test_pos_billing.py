from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestServiceOrderPosBilling(TestPointOfSaleHttpCommon):
    def test_pay_service_order_in_pos_consumes_parts_once(self):
        env = self.env(su=True)  # the POS common class runs as a restricted user
        stock = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1).lot_stock_id
        brand = env["fleet.vehicle.model.brand"].create({"name": "Marca POS taller"})
        model = env["fleet.vehicle.model"].create({"name": "Modelo POS", "brand_id": brand.id})
        base = env["fitment.base.vehicle"].create({"year": 2020, "model_id": model.id})
        customer = env["res.partner"].create({"name": "Cliente POS taller"})
        vehicle = env["fleet.vehicle"].create(
            {
                "fitment_vehicle_id": env["fitment.vehicle"].create({"base_vehicle_id": base.id}).id,
                "customer_id": customer.id,
            }
        )
        part = env["product.product"].create(
            {"name": "Bujía taller", "type": "consu", "is_storable": True, "list_price": 90.0, "available_in_pos": True}
        )
        labour = env["product.product"].create(
            {"name": "Hora de taller", "type": "service", "list_price": 400.0, "available_in_pos": True}
        )
        env["stock.quant"]._update_available_quantity(part, stock, 10)
        order = env["service.order"].create(
            {"vehicle_id": vehicle.id, "labour_ids": [(0, 0, {"product_id": labour.id, "hours": 2})]}
        )
        env["stock.move"].create(
            {"repair_id": order.repair_id.id, "product_id": part.id, "product_uom_qty": 4, "repair_line_type": "add"}
        )
        for code in ("diagnosis",):
            order.stage_id = env["service.order.stage"].search([("code", "=", code)])
        order.write(
            {"quote_approved_by": "Cliente", "quote_approval_method": "signature", "quote_signature": "aGVsbG8="}
        )
        order.action_approve_quote()
        for code in ("repair", "quality_check", "ready"):
            order.stage_id = env["service.order.stage"].search([("code", "=", code)])
        order.action_create_sale_order()
        moves_before = part.stock_move_ids
        self.assertEqual(part.qty_available, 6)

        # settling a quotation in the POS reads sale orders: the cashier is a salesperson, as in pos_sale's own tests
        self.pos_user.write({"group_ids": [(4, env.ref("sales_team.group_sale_salesman_all_leads").id)]})
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_tour(f"/pos/ui/{self.main_pos_config.id}", "ServiceOrderPosBilling", login="pos_user")

        pos_order = env["pos.order"].search([("lines.sale_order_origin_id", "=", order.sale_order_id.id)])
        self.assertEqual(len(pos_order), 1, "the service order's sale order was paid in the POS")
        self.assertEqual(pos_order.state, "paid")
        self.assertEqual(set(pos_order.lines.mapped("product_id").ids), {part.id, labour.id})
        self.assertEqual(pos_order.amount_paid, pos_order.amount_total)
        self.assertFalse(pos_order.picking_ids.move_ids.filtered(lambda m: m.product_id == part))
        self.assertEqual(part.stock_move_ids, moves_before, "paying in the POS must not move the parts again")
        self.assertEqual(part.qty_available, 6)
