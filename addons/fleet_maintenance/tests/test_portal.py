import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


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


@tagged("post_install", "-at_install")
class TestFleetPortalOwnOrdersOnly(HttpCase):
    """A vehicle bought from another customer, orders of another company of the shop: the portal shows the
    current owner's orders in its companies, on the page and over RPC, and never the workshop's notes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Marca reventa"})
        model = cls.env["fleet.vehicle.model"].create({"name": "Pickup reventa", "brand_id": brand.id})
        cls.owner = cls.env["res.partner"].create({"name": "Nuevo Dueño SA", "is_company": True})
        cls.previous = cls.env["res.partner"].create({"name": "Dueño Anterior", "email": "anterior@example.com"})
        cls.vehicle = cls.env["fleet.vehicle"].create(
            {"model_id": model.id, "license_plate": "USD-100-A", "customer_id": cls.previous.id}
        )
        cls.previous_order = cls.env["service.order"].create(
            {"vehicle_id": cls.vehicle.id, "complaint": "Ruido del dueño anterior"}
        )
        cls.vehicle.customer_id = cls.owner  # sold: a manager hands the vehicle over (superuser here)
        cls.own_order = cls.env["service.order"].create(
            {"vehicle_id": cls.vehicle.id, "internal_notes": "<p>Nota interna del taller</p>"}
        )
        cls.other_company = cls.env["res.company"].create({"name": "Sucursal Norte"})
        cls.other_company_order = (
            cls.env["service.order"]
            .with_company(cls.other_company)
            .create({"vehicle_id": cls.vehicle.id, "partner_id": cls.owner.id})
        )
        contact = cls.env["res.partner"].create({"name": "Encargado de flota", "parent_id": cls.owner.id})
        cls.portal_user = new_test_user(
            cls.env,
            "fleet_portal_owner",
            password="fleet_portal_owner_1",
            groups="base.group_portal",
            partner_id=contact.id,
        )

    def test_vehicle_page_shows_only_the_owners_orders_in_its_companies(self):
        self.assertEqual(self.own_order.partner_id, self.owner)
        self.authenticate("fleet_portal_owner", "fleet_portal_owner_1")
        page = self.url_open(f"/my/fleet/{self.vehicle.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.own_order.name, page.text)
        self.assertNotIn(self.previous_order.name, page.text, "a previous owner's order")
        self.assertNotIn(self.other_company_order.name, page.text, "an order of another company of the shop")
        previous = self.url_open(self.previous_order.access_url)
        self.assertNotIn("Ruido del dueño anterior", previous.text)

    def test_rpc_reads_own_orders_without_the_workshop_notes(self):
        def rpc(*args):
            return self.xmlrpc_object.execute_kw(
                self.env.cr.dbname, self.portal_user.id, "fleet_portal_owner_1", "service.order", *args
            )

        self.assertEqual(rpc("search", [[]]), [self.own_order.id])
        self.assertEqual(rpc("read", [self.own_order.ids, ["quote_state"]])[0]["quote_state"], "draft")
        with mute_logger("odoo.http", "odoo.service.model"):
            for field in ("internal_notes", "purchase_order_ids"):
                with self.subTest(field=field), self.assertRaises(xmlrpc.client.Fault):
                    rpc("read", [self.own_order.ids, [field]])
            # nor guessed through a search on them
            for path in ("internal_notes", "repair_id.internal_notes"):
                with self.subTest(path=path), self.assertRaises(xmlrpc.client.Fault):
                    rpc("search", [[(path, "ilike", "Nota interna")]])
            with self.assertRaises(xmlrpc.client.Fault):
                rpc("read", [self.previous_order.ids, ["complaint"]])
