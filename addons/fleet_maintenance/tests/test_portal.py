from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFleetPortal(HttpCase):
    """The fleet customer's portal pages, over HTTP: its vehicles, plans and orders, nothing else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Marca portal"})
        model = cls.env["fleet.vehicle.model"].create({"name": "Camioneta portal", "brand_id": brand.id})
        cls.fleet_customer = cls.env["res.partner"].create({"name": "Fletes Portal SA", "is_company": True})
        cls.other_customer = cls.env["res.partner"].create({"name": "Otro Cliente SA", "is_company": True})
        cls.own = cls.env["fleet.vehicle"].create(
            [
                {"model_id": model.id, "license_plate": plate, "customer_id": cls.fleet_customer.id}
                for plate in ("PRT-001-A", "PRT-002-A")
            ]
        )
        cls.foreign = cls.env["fleet.vehicle"].create(
            {"model_id": model.id, "license_plate": "AJN-999-Z", "customer_id": cls.other_customer.id}
        )
        cls.plan = cls.env["fleet.maintenance.plan"].create(
            {"name": "Afinación portal", "model_id": model.id, "interval_km": 10000, "interval_months": 12}
        )
        cls.own_order = cls.env["service.order"].create({"vehicle_id": cls.own[0].id})
        cls.foreign_order = cls.env["service.order"].create({"vehicle_id": cls.foreign.id})
        contact = cls.env["res.partner"].create({"name": "Jefa de flota portal", "parent_id": cls.fleet_customer.id})
        new_test_user(cls.env, "fleet_portal_http", groups="base.group_portal", partner_id=contact.id)

    def test_fleet_list_shows_only_own_vehicles(self):
        self.authenticate("fleet_portal_http", "fleet_portal_http")
        response = self.url_open("/my/fleet")
        self.assertEqual(response.status_code, 200)
        self.assertIn("PRT-001-A", response.text)
        self.assertIn("PRT-002-A", response.text)
        self.assertNotIn("AJN-999-Z", response.text)
        home = self.url_open("/my/home")
        self.assertIn("/my/fleet", home.text)

    def test_vehicle_page_shows_plans_and_orders(self):
        self.authenticate("fleet_portal_http", "fleet_portal_http")
        response = self.url_open(f"/my/fleet/{self.own[0].id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Afinación portal", response.text)
        self.assertIn(self.own_order.name, response.text)
        self.assertNotIn(self.foreign_order.name, response.text)
        open_part, _sep, history_part = response.text.partition("Service history")
        self.assertIn(self.own_order.name, open_part)
        self.own_order.action_cancel_order()
        history_part = self.url_open(f"/my/fleet/{self.own[0].id}").text.partition("Service history")[2]
        self.assertIn(self.own_order.name, history_part, "a closed order is in the history")

    def test_other_customers_vehicle_is_not_shown(self):
        self.authenticate("fleet_portal_http", "fleet_portal_http")
        response = self.url_open(f"/my/fleet/{self.foreign.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].endswith("/my/fleet"))
        followed = self.url_open(f"/my/fleet/{self.foreign.id}")
        self.assertNotIn("AJN-999-Z", followed.text)
        self.assertNotIn(self.foreign_order.name, followed.text)

    def test_anonymous_is_sent_to_login(self):
        response = self.url_open("/my/fleet", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_fleet_customer_opens_its_orders_without_token(self):
        self.authenticate("fleet_portal_http", "fleet_portal_http")
        own = self.url_open(self.own_order.access_url)
        self.assertEqual(own.status_code, 200)
        self.assertIn(self.own_order.name, own.text)
        foreign = self.url_open(self.foreign_order.access_url)
        self.assertNotIn(self.foreign_order.name, foreign.text)
