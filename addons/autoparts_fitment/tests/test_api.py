import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged

from .common import isolate_from_demo

JETTA_VIN = "3VWDX7AJ2BM339496"


@tagged("post_install", "-at_install")
class TestXmlRpcApi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        isolate_from_demo(cls.env)
        make = cls.env["fleet.vehicle.model.brand"].create({"name": "Volkswagen"})
        model = cls.env["fleet.vehicle.model"].create({"name": "Jetta", "brand_id": make.id})
        base = cls.env["fitment.base.vehicle"].create({"year": 2011, "model_id": model.id})
        cls.vehicle = cls.env["fitment.vehicle"].create({"base_vehicle_id": base.id, "submodel": "Style"})
        cls.pads = cls.env["product.template"].create({"name": "Balatas API", "default_code": "BP-API"})
        cls.env["fitment.application"].create(
            {"product_tmpl_id": cls.pads.id, "base_vehicle_id": base.id, "position": "front", "note": "con ABS"}
        )
        cls.api_user = new_test_user(
            cls.env, "fit_api", password="fit_api_pw_1", groups="autoparts_fitment.group_autoparts_fitment_api"
        )
        cls.plain_user = new_test_user(cls.env, "fit_plain", password="fit_plain_pw_1", groups="base.group_user")

    def _call(self, login, password, method, *args):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, password, {})
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, uid, password, "fitment.vehicle", method, list(args))

    def test_parts_by_vin_and_vehicle(self):
        result = self._call("fit_api", "fit_api_pw_1", "api_parts_by_vin", JETTA_VIN)
        self.assertTrue(result["found"])
        self.assertEqual((result["make"], result["year"]), ("Volkswagen", 2011))
        part = next(p for p in result["parts"] if p["default_code"] == "BP-API")
        self.assertEqual((part["position"], part["note"], part["universal"]), ("front", "con ABS", False))
        by_vehicle = self._call("fit_api", "fit_api_pw_1", "api_parts_by_vehicle", 2011, "volkswagen", "jetta")
        self.assertEqual(by_vehicle["vehicle_id"], self.vehicle.id)
        self.assertIn("BP-API", [p["default_code"] for p in by_vehicle["parts"]])
        unknown = self._call("fit_api", "fit_api_pw_1", "api_parts_by_vehicle", 1999, "Volkswagen", "Jetta")
        self.assertEqual(unknown, {"found": False, "vehicle": "", "parts": []})

    def test_bad_vin_is_a_fault_with_message(self):
        with self.assertRaises(xmlrpc.client.Fault) as fault:
            self._call("fit_api", "fit_api_pw_1", "api_parts_by_vin", "3VWDX7AJ3BM339496")
        self.assertIn("check digit", fault.exception.faultString)

    def test_api_is_read_only_and_needs_the_group(self):
        with self.assertRaises(xmlrpc.client.Fault):
            self._call("fit_plain", "fit_plain_pw_1", "api_parts_by_vin", JETTA_VIN)
        with self.assertRaises(xmlrpc.client.Fault):
            uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, "fit_api", "fit_api_pw_1", {})
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname, uid, "fit_api_pw_1", "fitment.application", "write", [[1], {"note": "x"}]
            )
