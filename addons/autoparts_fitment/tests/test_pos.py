from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import FitmentCase

JETTA_VIN = "3VWDX7AJ2BM339496"  # a real 2011 Volkswagen Jetta built in Mexico


@tagged("post_install", "-at_install")
class TestPosFitment(FitmentCase):
    """The server side of the POS vehicle selector, called as a POS clerk (no catalogue rights)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        App = env["fitment.application"]
        jetta_2011 = cls.jetta_years[2011]
        # pads: only the 2.0 engine, front, with a note; shoes: every 2011 Jetta, rear; filter: Versa only
        App.create(
            {
                "product_tmpl_id": cls.pads.id,
                "base_vehicle_id": jetta_2011.id,
                "engine_id": cls.engine_20.id,
                "position": "front",
                "note": "con ABS",
            }
        )
        App.create({"product_tmpl_id": cls.shoes.id, "base_vehicle_id": jetta_2011.id, "position": "rear"})
        App.create({"product_tmpl_id": cls.filter.id, "base_vehicle_id": cls.versa_2015.id})
        App.create(
            {"product_tmpl_id": cls.filter.id, "base_vehicle_id": jetta_2011.id, "state": "pending", "source": "ai"}
        )
        (cls.pads | cls.shoes | cls.filter | cls.oil).write({"available_in_pos": True, "sale_ok": True})
        cls.warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        env["stock.quant"]._update_available_quantity(cls.pads.product_variant_id, cls.warehouse.lot_stock_id, 5)
        cls.clerk = new_test_user(env, "fit_pos_clerk", groups="point_of_sale.group_pos_user")
        cls.customer = env["res.partner"].create({"name": "Cliente Garage POS"})
        cls.car = env["fleet.vehicle"].create(
            {"customer_id": cls.customer.id, "fitment_vehicle_id": cls.jetta_2011_20.id, "license_plate": "ABC-123-A"}
        )

    def _parts(self, vehicle, **kwargs):
        Product = self.env["product.product"].with_user(self.clerk)
        return Product.fitment_parts_for_vehicle(vehicle.id, **kwargs)

    def _codes(self, result):
        templates = self.env["product.template"].browse([row["product_tmpl_id"] for row in result["parts"]])
        return templates.mapped("default_code")

    def test_clerk_is_not_catalogue_manager(self):
        self.assertTrue(self.clerk.has_group("autoparts_fitment.group_autoparts_fitment_clerk"))
        self.assertFalse(self.clerk.has_group("autoparts_fitment.group_autoparts_fitment_manager"))
        with self.assertRaises(AccessError):
            self.env["fitment.application"].with_user(self.clerk).create(
                {"product_tmpl_id": self.oil.id, "base_vehicle_id": self.versa_2015.id}
            )

    def test_cascade_options(self):
        Vehicle = self.env["fitment.vehicle"].with_user(self.clerk)
        self.assertTrue({2011, 2012}.issubset(Vehicle.pos_selector_options()["years"]))
        self.assertNotIn(2013, Vehicle.pos_selector_options()["years"], "no configuration for 2013")
        makes = Vehicle.pos_selector_options(year=2011)["makes"]
        self.assertIn({"id": self.vw.id, "name": "Volkswagen"}, makes)
        self.assertNotIn(self.nissan.id, [m["id"] for m in makes])
        models_ = Vehicle.pos_selector_options(year=2011, make_id=self.vw.id)["models"]
        self.assertEqual(models_, [{"id": self.jetta.id, "name": "Jetta"}])
        vehicles = Vehicle.pos_selector_options(year=2011, make_id=self.vw.id, model_id=self.jetta.id)["vehicles"]
        self.assertEqual({v["id"] for v in vehicles}, {self.jetta_2011_20.id, self.jetta_2011_25.id})

    def test_parts_for_vehicle_badges_and_stock(self):
        result = self._parts(self.jetta_2011_20)
        self.assertEqual(self._codes(result), ["BP-1234", "ZT-5678", "OIL-530"], "compatible by name, then universal")
        self.assertEqual(result["total_compatible"], 2)
        pads, shoes, oil = result["parts"]
        self.assertEqual((pads["universal"], pads["position"], pads["note"]), (False, "front", "con ABS"))
        self.assertEqual(pads["product_id"], self.pads.product_variant_id.id)
        self.assertEqual(
            pads["stock"],
            [
                {
                    "warehouse_id": self.warehouse.id,
                    "code": self.warehouse.code,
                    "warehouse": self.warehouse.name,
                    "qty": 5.0,
                }
            ],
        )
        self.assertEqual(pads["qty_available"], 5.0)
        self.assertEqual((shoes["position"], shoes["stock"], shoes["qty_available"]), ("rear", [], 0))
        self.assertTrue(oil["universal"])
        # the pending AI suggestion and the Versa part are not offered; the 2.5 engine has no pads
        self.assertEqual(self._codes(self._parts(self.jetta_2011_25)), ["ZT-5678", "OIL-530"])
        self.assertEqual(self._codes(self._parts(self.jetta_2011_20, in_stock_only=True)), ["BP-1234"])
        other_wh = self.env["stock.warehouse"].create({"name": "Sucursal POS", "code": "SPOS"})
        self.assertEqual(
            self._codes(self._parts(self.jetta_2011_20, in_stock_only=True, warehouse_ids=other_wh.ids)), []
        )

    def test_paging(self):
        pages = [self._codes(self._parts(self.jetta_2011_20, limit=1, offset=offset)) for offset in range(4)]
        self.assertEqual(pages, [["BP-1234"], ["ZT-5678"], ["OIL-530"], []])
        self.assertEqual(self._codes(self._parts(self.jetta_2011_20, limit=2, offset=1)), ["ZT-5678", "OIL-530"])

    def test_company_rules_and_pos_availability(self):
        other_company = self.env["res.company"].create({"name": "Otra refaccionaria"})
        foreign = self.env["product.template"].create(
            {"name": "Balatas de otra empresa", "default_code": "BP-OTHER", "company_id": other_company.id}
        )
        self.env["fitment.application"].create(
            {"product_tmpl_id": foreign.id, "base_vehicle_id": self.jetta_years[2011].id}
        )
        other_wh = self.env["stock.warehouse"].search([("company_id", "=", other_company.id)], limit=1)
        self.env["stock.quant"].with_company(other_company)._update_available_quantity(
            self.pads.product_variant_id, other_wh.lot_stock_id, 7
        )
        result = self._parts(self.jetta_2011_20)
        self.assertNotIn("BP-OTHER", self._codes(result))
        self.assertEqual([s["qty"] for s in result["parts"][0]["stock"]], [5.0], "no stock of another company")
        self.shoes.available_in_pos = False
        config = self.env["pos.config"].create({"name": "Mostrador fitment"})
        pos_result = (
            self.env["fitment.vehicle"].with_user(self.clerk).pos_fitting_parts(self.jetta_2011_20.id, config.id)
        )
        self.assertEqual(pos_result["vehicle"], {"id": self.jetta_2011_20.id, "name": self.jetta_2011_20.name})
        self.assertEqual(self._codes(pos_result), ["BP-1234", "OIL-530"], "not available in the POS")

    def test_vin_path(self):
        Vehicle = self.env["fitment.vehicle"].with_user(self.clerk)
        decoded = Vehicle.pos_decode_vin(JETTA_VIN)
        self.assertIn(self.jetta_2011_20.id, [v["id"] for v in decoded["vehicles"]])
        self.assertEqual(decoded["year"], 2011)
        bad = Vehicle.pos_decode_vin("3VWDX7AJ3BM339496")
        self.assertEqual(set(bad), {"error"})
        self.assertIn("check digit", bad["error"])
        self.assertIn("17", Vehicle.pos_decode_vin("3VWDX7AJ2")["error"])

    def test_plate_and_garage_paths(self):
        Fleet = self.env["fleet.vehicle"].with_user(self.clerk)
        found = Fleet.pos_lookup_plate("abc 123a")
        self.assertTrue(found["found"])
        self.assertEqual(
            (found["vehicles"][0]["id"], found["vehicles"][0]["fitment_vehicle_id"]),
            (self.car.id, self.jetta_2011_20.id),
        )
        self.assertEqual(Fleet.pos_lookup_plate("ZZZ-999-Z"), {"found": False, "vehicles": []})
        self.assertEqual([v["id"] for v in Fleet.pos_garage_vehicles(self.customer.id)], [self.car.id])
        # a vehicle of another company is not visible to the clerk (fleet's company rule)
        other_company = self.env["res.company"].create({"name": "Otra refaccionaria 2"})
        self.car.company_id = other_company
        self.assertEqual(Fleet.pos_garage_vehicles(self.customer.id), [])
        self.assertFalse(Fleet.pos_lookup_plate("ABC-123-A")["found"])

    def test_order_keeps_the_vehicle(self):
        Order = self.env["pos.order"]
        self.assertEqual(Order._fields["fitment_vehicle_id"].comodel_name, "fitment.vehicle")
        self.assertEqual(Order._fields["fitment_garage_vehicle_id"].comodel_name, "fleet.vehicle")
        config = self.env["pos.config"].create({"name": "Mostrador carga"})
        loaded = self.env["pos.session"]._load_pos_data_models(config)
        self.assertIn("fitment.vehicle", loaded)
        self.assertIn("fleet.vehicle", loaded)
        self.assertNotIn("fitment.application", loaded)
        # only the vehicles of the loaded orders go to the POS
        domain = self.env["fitment.vehicle"]._load_pos_data_domain({"pos.order": [{"fitment_vehicle_id": 7}]}, False)
        self.assertEqual(domain, [("id", "in", [7])])

    def test_plain_user_is_refused(self):
        plain = new_test_user(self.env, "fit_pos_plain", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["product.product"].with_user(plain).fitment_parts_for_vehicle(self.jetta_2011_20.id)
