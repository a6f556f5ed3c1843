from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCatalogue(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make = cls.env["fleet.vehicle.model.brand"].create({"name": "Volkswagen Test"})
        cls.model = cls.env["fleet.vehicle.model"].create({"name": "Jetta", "brand_id": cls.make.id})
        cls.engine = cls.env["fitment.engine"].create(
            {"displacement_l": 2.0, "cylinders": 4, "fuel_type": "gasoline", "engine_code": "CBPA"}
        )
        cls.base_2012 = cls.env["fitment.base.vehicle"].create({"year": 2012, "model_id": cls.model.id})
        cls.vehicle = cls.env["fitment.vehicle"].create(
            {"base_vehicle_id": cls.base_2012.id, "submodel": "Style", "engine_id": cls.engine.id}
        )
        cls.pads = cls.env["product.template"].create({"name": "Balatas delanteras", "is_storable": True})

    def test_names(self):
        self.assertEqual(self.base_2012.name, "2012 Volkswagen Test Jetta")
        self.assertEqual(self.engine.name, "2.0L L4 Gasoline (CBPA)")
        self.assertEqual(self.vehicle.name, "2012 Volkswagen Test Jetta Style 2.0L L4 Gasoline (CBPA)")

    def test_base_vehicle_is_unique_per_model_and_year(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["fitment.base.vehicle"].create({"year": 2012, "model_id": self.model.id})

    def test_interchange_search_ignores_case_spaces_and_dashes(self):
        self.env["fitment.interchange"].create(
            {"product_tmpl_id": self.pads.id, "number": "1K0-698-151 A", "brand": "Volkswagen", "kind": "oem"}
        )
        found = self.env["product.template"].search([("fitment_interchange", "=", "1k0698151a")])
        self.assertEqual(found, self.pads)
        found = self.env["product.template"].search([("fitment_interchange", "ilike", "k0 698-151")])
        self.assertEqual(found, self.pads)
        self.assertFalse(self.env["product.template"].search([("fitment_interchange", "=", "1K0698151B")]))

    def test_application_count_counts_approved_only(self):
        self.env["fitment.application"].create(
            [
                {"product_tmpl_id": self.pads.id, "base_vehicle_id": self.base_2012.id, "position": "front"},
                {
                    "product_tmpl_id": self.pads.id,
                    "base_vehicle_id": self.base_2012.id,
                    "source": "ai",
                    "state": "pending",
                    "confidence": 0.7,
                },
            ]
        )
        self.assertEqual(self.pads.fitment_application_count, 1)

    def test_garage_vehicle_takes_model_from_catalogue_and_is_found_by_plate(self):
        customer = self.env["res.partner"].create({"name": "Juan Pérez"})
        car = self.env["fleet.vehicle"].create(
            {"customer_id": customer.id, "fitment_vehicle_id": self.vehicle.id, "license_plate": "abc-123-a"}
        )
        self.assertEqual(car.model_id, self.model)
        self.assertEqual(car.model_year, "2012")
        self.assertEqual(self.env["fleet.vehicle"].search_by_plate("ABC 123 A"), car)
        self.assertEqual(self.env["fleet.vehicle"].search([("plate_lookup", "=", "abc123a")]), car)
        self.assertFalse(self.env["fleet.vehicle"].search_by_plate("ZZZ-999-Z"))

    def test_clerk_reads_catalogue_but_cannot_edit_it(self):
        clerk = new_test_user(self.env, "clerk_fitment", groups="autoparts_fitment.group_autoparts_fitment_clerk")
        self.assertEqual(self.base_2012.with_user(clerk).name, "2012 Volkswagen Test Jetta")
        with self.assertRaises(AccessError):
            self.base_2012.with_user(clerk).write({"year": 2013})

    def test_user_without_group_cannot_read_catalogue(self):
        user = new_test_user(self.env, "no_fitment", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.base_2012.with_user(user).read(["name"])

    def test_pos_user_is_a_fitment_clerk(self):
        cashier = new_test_user(self.env, "cashier_fitment", groups="point_of_sale.group_pos_user")
        self.assertTrue(cashier.has_group("autoparts_fitment.group_autoparts_fitment_clerk"))

    def test_other_companys_part_data_stays_with_it(self):
        other_company = self.env["res.company"].create({"name": "Refaccionaria vecina"})
        foreign = self.env["product.template"].create({"name": "Balatas vecinas", "company_id": other_company.id})
        own_app = self.env["fitment.application"].create(
            {"product_tmpl_id": self.pads.id, "base_vehicle_id": self.base_2012.id}
        )
        foreign_app = self.env["fitment.application"].create(
            {"product_tmpl_id": foreign.id, "base_vehicle_id": self.base_2012.id}
        )
        foreign_number = self.env["fitment.interchange"].create({"product_tmpl_id": foreign.id, "number": "VEC-1"})
        manager = new_test_user(self.env, "fit_company_mgr", groups="autoparts_fitment.group_autoparts_fitment_manager")
        Application = self.env["fitment.application"].with_user(manager)
        self.assertIn(own_app, Application.search([]))
        self.assertNotIn(foreign_app, Application.search([]))
        self.assertFalse(self.env["fitment.interchange"].with_user(manager).search([("id", "=", foreign_number.id)]))
        with self.assertRaises(AccessError):
            foreign_app.with_user(manager).read(["note"])
