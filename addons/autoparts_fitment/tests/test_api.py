import json
import xmlrpc.client

from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tools import mute_logger

from .common import isolate_from_demo

JETTA_VIN = "3VWDX7AJ2BM339496"


@tagged("post_install", "-at_install")
class TestXmlRpcApi(HttpCase):
    """The partner API login over XML-RPC (and JSON-2 with an API key): the fitment lookup and nothing else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        isolate_from_demo(cls.env)
        make = cls.env["fleet.vehicle.model.brand"].create({"name": "Volkswagen"})
        model = cls.env["fleet.vehicle.model"].create({"name": "Jetta", "brand_id": make.id})
        base = cls.env["fitment.base.vehicle"].create({"year": 2011, "model_id": model.id})
        cls.vehicle = cls.env["fitment.vehicle"].create({"base_vehicle_id": base.id, "submodel": "Style"})
        cls.pads = cls.env["product.template"].create(
            {"name": "Balatas API", "default_code": "BP-API", "standard_price": 321.0, "is_storable": True}
        )
        cls.env["fitment.application"].create(
            {"product_tmpl_id": cls.pads.id, "base_vehicle_id": base.id, "position": "front", "note": "con ABS"}
        )
        cls.pending = cls.env["fitment.application"].create(
            {"product_tmpl_id": cls.pads.id, "base_vehicle_id": base.id, "state": "pending", "source": "ai"}
        )
        partner_company = cls.env["res.partner"].create({"name": "Refaccionaria Socia SA", "is_company": True})
        api_contact = cls.env["res.partner"].create({"name": "Integración Socia", "parent_id": partner_company.id})
        cls.api_user = new_test_user(
            cls.env,
            "fit_api",
            password="fit_api_pw_1",
            groups="autoparts_fitment.group_autoparts_fitment_api",
            partner_id=api_contact.id,
        )
        cls.plain_user = new_test_user(cls.env, "fit_plain", password="fit_plain_pw_1", groups="base.group_user")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Cliente Privado", "email": "privado@example.com", "phone": "55 9999 0000"}
        )
        cls.car = cls.env["fleet.vehicle"].create({"model_id": model.id, "customer_id": cls.customer.id})

    def _call(self, login, password, method, *args):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, password, {})
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, uid, password, "fitment.vehicle", method, list(args))

    def _api(self, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, self.api_user.id, "fit_api_pw_1", model, method, list(args), kwargs
        )

    def _refused(self, model, method, *args, **kwargs):
        with mute_logger("odoo.http", "odoo.service.model"), self.assertRaises(xmlrpc.client.Fault) as fault:
            self._api(model, method, *args, **kwargs)
        return fault.exception.faultString

    def test_api_login_is_a_portal_user(self):
        self.assertTrue(self.api_user.share)
        self.assertFalse(self.api_user._is_internal())
        self.assertTrue(self.api_user.has_group("base.group_portal"))

    def test_parts_by_vin_and_vehicle(self):
        result = self._call("fit_api", "fit_api_pw_1", "api_parts_by_vin", JETTA_VIN)
        self.assertTrue(result["found"])
        self.assertEqual((result["make"], result["year"]), ("Volkswagen", 2011))
        part = next(p for p in result["parts"] if p["default_code"] == "BP-API")
        self.assertEqual((part["position"], part["note"], part["universal"]), ("front", "con ABS", False))
        self.assertNotIn("stock", part)
        self.assertNotIn("standard_price", part)
        by_vehicle = self._call("fit_api", "fit_api_pw_1", "api_parts_by_vehicle", 2011, "volkswagen", "jetta")
        self.assertEqual(by_vehicle["vehicle_id"], self.vehicle.id)
        self.assertIn("BP-API", [p["default_code"] for p in by_vehicle["parts"]])
        unknown = self._call("fit_api", "fit_api_pw_1", "api_parts_by_vehicle", 1999, "Volkswagen", "Jetta")
        self.assertEqual(unknown, {"found": False, "vehicle": "", "parts": []})
        # the catalogue itself, to build its year / make / model selectors
        self.assertIn(2011, [v["year"] for v in self._api("fitment.vehicle", "search_read", [], ["year", "name"])])

    def test_bad_vin_is_a_fault_with_message(self):
        with self.assertRaises(xmlrpc.client.Fault) as fault:
            self._call("fit_api", "fit_api_pw_1", "api_parts_by_vin", "3VWDX7AJ3BM339496")
        self.assertIn("check digit", fault.exception.faultString)

    def test_api_is_read_only_and_needs_the_group(self):
        with self.assertRaises(xmlrpc.client.Fault):
            self._call("fit_plain", "fit_plain_pw_1", "api_parts_by_vin", JETTA_VIN)
        self._refused("fitment.vehicle", "write", self.vehicle.ids, {"submodel": "x"})

    def test_contacts_users_orders_and_costs_are_refused(self):
        # contacts: its own company's, as any portal user; never the shop's customers
        partners = self._api("res.partner", "search", [])
        self.assertNotIn(self.customer.id, partners)
        self.assertNotIn(self.env.company.partner_id.id, partners)
        self._refused("res.partner", "read", self.customer.ids, ["name", "email", "phone"])
        # users: its own login only
        self.assertEqual(self._api("res.users", "search", []), self.api_user.ids)
        self._refused("res.users", "read", self.env.ref("base.user_admin").ids, ["login", "email"])
        # sales, stock and products (costs included) through the ORM
        self._refused("pos.order", "search_read", [], ["name", "amount_total"])
        self._refused("stock.quant", "search_read", [], ["quantity"])
        self._refused("product.template", "read", self.pads.ids, ["standard_price"])
        self._refused("product.product", "read", self.pads.product_variant_ids.ids, ["standard_price"])
        self._refused("product.product", "search_read", [], ["name"])
        # the applications (pending AI suggestions included) and the clerks' stock query
        self._refused("fitment.application", "search_read", [], ["state", "confidence"])
        self._refused("product.product", "fitment_parts_for_vehicle", self.vehicle.id)
        # the customers' vehicles
        with mute_logger("odoo.http", "odoo.service.model"):
            try:
                vehicles = self._api("fleet.vehicle", "search", [])
            except xmlrpc.client.Fault:
                vehicles = []
        self.assertNotIn(self.car.id, vehicles)

    def test_api_key_authenticates_over_xmlrpc_and_json2(self):
        """Odoo 19 lets a share user hold an API key (only internal users make their own in the preferences:
        an administrator makes it for the partner); it authenticates over XML-RPC and JSON-2 (bearer)."""
        # as the README says: made by an administrator, as the user, without expiry
        key = self.env["res.users.apikeys"].with_user(self.api_user).sudo()._generate(None, "Socia catálogo", None)
        self.assertEqual(
            self.env["res.users.apikeys"].search([("user_id", "=", self.api_user.id)]).name, "Socia catálogo"
        )
        result = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, self.api_user.id, key, "fitment.vehicle", "api_parts_by_vin", [JETTA_VIN]
        )
        self.assertTrue(result["found"])
        headers = {
            "Authorization": f"Bearer {key}",
            "Content-Type": "application/json",
            "X-Odoo-Database": get_db_name(),
        }
        response = self.url_open(
            "/json/2/fitment.vehicle/api_parts_by_vehicle",
            data=json.dumps({"year": 2011, "make": "Volkswagen", "model": "Jetta"}),
            headers=headers,
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertIn("BP-API", [p["default_code"] for p in response.json()["parts"]])
        with mute_logger("odoo.http"):
            refused = self.url_open(
                "/json/2/res.partner/read",
                data=json.dumps({"ids": self.customer.ids, "fields": ["email"]}),
                headers=headers,
            )
        self.assertEqual(refused.status_code, 403, refused.text)
