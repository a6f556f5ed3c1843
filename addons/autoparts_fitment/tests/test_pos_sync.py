import uuid

from odoo import fields
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestPosSyncVehicle(TestPointOfSaleHttpCommon):
    """A tampered till syncing an order (the POS's own JSON-RPC call, as its cashier): the server keeps only
    what the cashier could have chosen, and decides its own fields."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(su=True)  # the POS common class runs as a restricted user
        brand = env["fleet.vehicle.model.brand"].create({"name": "Marca sync"})
        model = env["fleet.vehicle.model"].create({"name": "Modelo sync", "brand_id": brand.id})
        cls.base = env["fitment.base.vehicle"].create({"year": 2018, "model_id": model.id})
        cls.other_base = env["fitment.base.vehicle"].create({"year": 2019, "model_id": model.id})
        cls.fitment_vehicle = env["fitment.vehicle"].create({"base_vehicle_id": cls.base.id})
        cls.customer = env["res.partner"].create({"name": "Cliente sync"})
        cls.car = env["fleet.vehicle"].create(
            {"model_id": model.id, "customer_id": cls.customer.id, "fitment_vehicle_id": cls.fitment_vehicle.id}
        )
        other_company = env["res.company"].create({"name": "Otra empresa sync"})
        cls.foreign_car = env["fleet.vehicle"].create({"model_id": model.id, "company_id": other_company.id})
        cls.product = env["product.product"].create(
            {"name": "Bujía sync", "available_in_pos": True, "list_price": 50.0, "taxes_id": [fields.Command.clear()]}
        )

    def _sync(self, **order_vals):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        session = self.main_pos_config.current_session_id
        order_uuid = str(uuid.uuid4())
        method = session.config_id.payment_method_ids.filtered("is_cash_count")[:1]
        line = {
            "product_id": self.product.id,
            "qty": 1,
            "price_unit": 50.0,
            "price_subtotal": 50.0,
            "price_subtotal_incl": 50.0,
            "tax_ids": [],
            "uuid": str(uuid.uuid4()),
        }
        data = {
            "amount_paid": 50.0,
            "amount_return": 0,
            "amount_tax": 0,
            "amount_total": 50.0,
            "date_order": fields.Datetime.to_string(fields.Datetime.now()),
            "pricelist_id": session.config_id.pricelist_id.id,
            "name": f"Order {order_uuid}",
            "lines": [fields.Command.create(line)],
            "session_id": session.id,
            "payment_ids": [fields.Command.create({"amount": 50.0, "payment_method_id": method.id})],
            "uuid": order_uuid,
            "user_id": self.pos_user.id,
            "partner_id": self.customer.id,
            "state": "paid",
            "last_order_preparation_change": "{}",
            **order_vals,
        }
        self.authenticate("pos_user", "pos_user")
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/pos.order/sync_from_ui",
            {"model": "pos.order", "method": "sync_from_ui", "args": [[data]], "kwargs": {}},
        )
        return self.env["pos.order"].search([("uuid", "=", order_uuid)])

    def test_honest_order_keeps_its_vehicles(self):
        order = self._sync(fitment_vehicle_id=self.fitment_vehicle.id, fitment_garage_vehicle_id=self.car.id)
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.fitment_vehicle_id, self.fitment_vehicle)
        self.assertEqual(order.fitment_base_vehicle_id, self.base)
        self.assertEqual(order.fitment_garage_vehicle_id, self.car)

    def test_tampered_order_is_kept_without_what_the_server_decides(self):
        order = self._sync(
            fitment_vehicle_id=self.fitment_vehicle.id,
            fitment_base_vehicle_id=self.other_base.id,
            fitment_garage_vehicle_id=self.foreign_car.id,
        )
        self.assertEqual(order.state, "paid", "the sale is kept")
        self.assertEqual(order.fitment_base_vehicle_id, self.base, "computed from the vehicle, not the till's")
        self.assertFalse(order.fitment_garage_vehicle_id, "another company's vehicle is out of the cashier's reach")
        missing = self._sync(fitment_vehicle_id=self.fitment_vehicle.id + 100000)
        self.assertEqual(missing.state, "paid")
        self.assertFalse(missing.fitment_vehicle_id)
