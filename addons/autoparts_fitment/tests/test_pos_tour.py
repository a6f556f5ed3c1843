from odoo import fields
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestPosFitmentTour(TestPointOfSaleHttpCommon):
    """In the POS, as pos_user: choose a vehicle, the grid shows what fits, sell it, the receipt names it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the test user of the POS common setup is an accountant, not a catalogue manager
        env = cls.env(su=True)
        make = env["fleet.vehicle.model.brand"].create({"name": "Volkswagen TT"})
        jetta = env["fleet.vehicle.model"].create({"name": "Jetta TT", "brand_id": make.id})
        versa = env["fleet.vehicle.model"].create({"name": "Versa TT", "brand_id": make.id})
        engine = env["fitment.engine"].create({"displacement_l": 2.0, "cylinders": 4, "engine_code": "TT20"})
        jetta_2012 = env["fitment.base.vehicle"].create({"year": 2012, "model_id": jetta.id})
        versa_2015 = env["fitment.base.vehicle"].create({"year": 2015, "model_id": versa.id})
        cls.vehicle = env["fitment.vehicle"].create({"base_vehicle_id": jetta_2012.id, "engine_id": engine.id})
        cls.versa_vehicle = env["fitment.vehicle"].create({"base_vehicle_id": versa_2015.id})
        # garages: one catalogue vehicle (and one outside the catalogue, not offered), then a fleet of two
        Partner, Garage = env["res.partner"], env["fleet.vehicle"]
        cls.one_car_customer = Partner.create({"name": "Cliente Un Auto TT"})
        cls.versa_car = Garage.create(
            {
                "customer_id": cls.one_car_customer.id,
                "fitment_vehicle_id": cls.versa_vehicle.id,
                "license_plate": "UNO-111-A",
            }
        )
        Garage.create({"customer_id": cls.one_car_customer.id, "model_id": versa.id, "license_plate": "SIN-000-X"})
        cls.fleet_customer = Partner.create({"name": "Cliente Flotilla TT"})
        for plate, vehicle in (("FLO-222-B", cls.vehicle), ("FLO-333-C", cls.versa_vehicle)):
            Garage.create(
                {"customer_id": cls.fleet_customer.id, "fitment_vehicle_id": vehicle.id, "license_plate": plate}
            )
        vals = {"available_in_pos": True, "taxes_id": [fields.Command.clear()], "is_storable": True}
        Product = env["product.product"]
        cls.pads = Product.create({**vals, "name": "Balatas Jetta TT", "list_price": 450})
        versa_pads = Product.create({**vals, "name": "Balatas Versa TT", "list_price": 390})
        Product.create({**vals, "name": "Aceite Universal TT", "list_price": 180, "fitment_universal": True})
        App = env["fitment.application"]
        App.create(
            {
                "product_tmpl_id": cls.pads.product_tmpl_id.id,
                "base_vehicle_id": jetta_2012.id,
                "position": "front",
                "note": "con ABS",
            }
        )
        App.create({"product_tmpl_id": versa_pads.product_tmpl_id.id, "base_vehicle_id": versa_2015.id})
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        env["stock.quant"]._update_available_quantity(cls.pads, warehouse.lot_stock_id, 5)
        cls.warehouse = warehouse

    def test_choose_vehicle_filter_sell_receipt(self):
        self.assertFalse(self.pos_user.has_group("autoparts_fitment.group_autoparts_fitment_manager"))
        self.start_pos_tour("AutopartsFitmentPosTour")
        order = self.env["pos.order"].search([("config_id", "=", self.main_pos_config.id)], order="id desc", limit=1)
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.fitment_vehicle_id, self.vehicle)
        # chosen by year/make/model, kept when the customer with a garage vehicle was set
        self.assertEqual(order.partner_id, self.one_car_customer)
        self.assertFalse(order.fitment_garage_vehicle_id)
        self.assertEqual(order.lines.product_id, self.pads)
