from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..lib import vpic
from .common import FakeServer, FitmentCase

# a real 2011 Volkswagen Jetta built in Mexico
JETTA_VIN = "3VWDX7AJ2BM339496"


@tagged("post_install", "-at_install")
class TestVinGarage(FitmentCase):
    def setUp(self):
        super().setUp()
        # the breaker lives in the process: a fake server's port may be reused by a later test
        self.patch(vpic, "BREAKER", vpic.Breaker())

    def test_decode_offline_matches_catalogue(self):
        decoded = self.env["fitment.vehicle"].decode_vin(JETTA_VIN)
        self.assertEqual((decoded["make"], decoded["year"], decoded["country"]), ("Volkswagen", 2011, "Mexico"))
        self.assertEqual(decoded["source"], "offline")
        self.assertEqual(set(decoded["vehicle_ids"]), {self.jetta_2011_20.id, self.jetta_2011_25.id})

    def test_bad_vin_messages(self):
        Vehicle = self.env["fitment.vehicle"]
        with self.assertRaisesRegex(UserError, "17 characters"):
            Vehicle.decode_vin("3VWDX7AJ2BM33949")
        with self.assertRaisesRegex(UserError, "position 12"):
            Vehicle.decode_vin("3VWDX7AJ2BMO39496")
        with self.assertRaisesRegex(UserError, "check digit"):
            Vehicle.decode_vin("3VWDX7AJ3BM339496")

    def _enable_vpic(self, url, timeout="1"):
        params = self.env["ir.config_parameter"]
        params.set_param("autoparts_fitment.vpic_enabled", "1")
        params.set_param("autoparts_fitment.vpic_url", url)
        params.set_param("autoparts_fitment.vpic_timeout", timeout)

    def test_vpic_enrichment_and_cache(self):
        payload = {
            "Results": [
                {"Make": "VOLKSWAGEN", "Model": "Jetta", "ModelYear": "2011", "DisplacementL": "2.5", "ErrorCode": "0"}
            ]
        }
        with FakeServer(lambda *a: (200, payload)) as server:
            self._enable_vpic(server.url)
            decoded = self.env["fitment.vehicle"].decode_vin(JETTA_VIN)
            again = self.env["fitment.vehicle"].decode_vin(JETTA_VIN)
        self.assertEqual(len(server.requests), 1, "second decode served from the cache")
        self.assertIn(f"/api/vehicles/DecodeVinValues/{JETTA_VIN}?format=json", server.requests[0][1])
        self.assertEqual((decoded["source"], decoded["model"]), ("vpic", "Jetta"))
        self.assertEqual(decoded["vehicle_ids"], [self.jetta_2011_25.id], "displacement narrows the match")
        self.assertEqual(again["vehicle_ids"], decoded["vehicle_ids"])

    def test_vpic_down_falls_back_offline(self):
        with FakeServer(lambda *a: (500, {"error": "down"})) as server:
            self._enable_vpic(server.url)
            with mute_logger("odoo.addons.autoparts_fitment.models.fitment_vin_cache"):
                decoded = self.env["fitment.vehicle"].decode_vin(JETTA_VIN)
        self.assertEqual(decoded["source"], "offline")
        self.assertEqual(len(decoded["vehicle_ids"]), 2)
        self.assertFalse(self.env["fitment.vin.cache"].search([("vin", "=", JETTA_VIN)]))

    def test_vpic_not_asked_again_during_cooldown(self):
        now = [1000.0]
        back = {"Results": [{"Make": "VOLKSWAGEN", "Model": "Jetta", "ModelYear": "2011", "ErrorCode": "0"}]}
        answers = [(500, {"error": "down"}), (200, back)]
        with (
            patch.object(vpic, "BREAKER", vpic.Breaker(clock=lambda: now[0])),
            FakeServer(lambda *a: answers[0]) as server,
            mute_logger("odoo.addons.autoparts_fitment.models.fitment_vin_cache"),
        ):
            self._enable_vpic(server.url)
            self.env["ir.config_parameter"].set_param("autoparts_fitment.vpic_cooldown", "60")
            Vehicle = self.env["fitment.vehicle"]
            self.assertEqual(Vehicle.decode_vin(JETTA_VIN)["source"], "offline")
            answers.pop(0)  # vPIC is back, but within the cooldown it is not asked
            now[0] += 59
            self.assertEqual(Vehicle.decode_vin(JETTA_VIN)["source"], "offline")
            self.assertEqual(len(server.requests), 1, "no request during the cooldown")
            now[0] += 2
            self.assertEqual(Vehicle.decode_vin(JETTA_VIN)["source"], "vpic")
            self.assertEqual(len(server.requests), 2)

    def test_garage_vin_validation_and_plate_lookup(self):
        customer = self.env["res.partner"].create({"name": "Juan Pérez"})
        Fleet = self.env["fleet.vehicle"]
        car = Fleet.create(
            {
                "customer_id": customer.id,
                "fitment_vehicle_id": self.jetta_2011_20.id,
                "vin_sn": JETTA_VIN,
                "license_plate": "QZX-987-B",
            }
        )
        self.assertEqual(customer.fitment_garage_count, 1)
        found = Fleet.pos_lookup_plate("qzx 987b")
        self.assertTrue(found["found"])
        self.assertEqual(found["vehicles"][0]["fitment_vehicle_id"], self.jetta_2011_20.id)
        self.assertEqual(found["vehicles"][0]["customer_id"], customer.id)
        self.assertEqual(Fleet.pos_lookup_plate("ZZZ-999-Z"), {"found": False, "vehicles": []})
        other = self.env["res.partner"].create({"name": "Otro cliente"})
        with self.assertRaisesRegex(ValidationError, "17 characters"):
            Fleet.create({"customer_id": other.id, "fitment_vehicle_id": self.jetta_2011_20.id, "vin_sn": "ABC"})
        action = car.action_view_fitting_parts()
        self.assertEqual(action["res_model"], "product.template")

    def test_fitting_parts_engine_and_universal(self):
        Application = self.env["fitment.application"]
        Application.create(
            [
                {
                    "product_tmpl_id": self.pads.id,
                    "base_vehicle_id": self.jetta_years[2011].id,
                    "engine_id": self.engine_20.id,
                    "position": "front",
                    "note": "con ABS",
                },
                {"product_tmpl_id": self.shoes.id, "base_vehicle_id": self.jetta_years[2011].id, "position": "rear"},
                {
                    "product_tmpl_id": self.filter.id,
                    "base_vehicle_id": self.jetta_years[2011].id,
                    "state": "pending",
                    "source": "ai",
                    "confidence": 0.5,
                },
            ]
        )
        rows = self.jetta_2011_25.fitting_parts()
        ids = [r["product_tmpl_id"] for r in rows]
        self.assertIn(self.shoes.id, ids)
        self.assertNotIn(self.pads.id, ids, "pads are for the 2.0 engine only")
        self.assertNotIn(self.filter.id, ids, "pending suggestions are not shown")
        self.assertIn(self.oil.id, ids)
        self.assertTrue(next(r for r in rows if r["product_tmpl_id"] == self.oil.id)["universal"])
        self.assertLess(ids.index(self.shoes.id), ids.index(self.oil.id), "vehicle parts before universal ones")
        rows_20 = {r["product_tmpl_id"]: r for r in self.jetta_2011_20.fitting_parts()}
        self.assertEqual((rows_20[self.pads.id]["position"], rows_20[self.pads.id]["note"]), ("front", "con ABS"))
        self.assertNotIn(self.shoes.id, [r["product_tmpl_id"] for r in self.jetta_2011_20.fitting_parts(in_stock=True)])
