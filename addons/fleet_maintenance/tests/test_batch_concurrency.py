import threading
import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import UserError
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestBatchConcurrency(BaseCase):
    """Two planners run "Create service orders" on the same due item at once, each in its own transaction."""

    def _cursor(self):
        return sql_db.db_connect(get_db_name()).cursor()

    def _committed_due_item(self):
        tag = uuid.uuid4().hex[:8]
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            brand = env["fleet.vehicle.model.brand"].create({"name": f"Marca lote {tag}"})
            model = env["fleet.vehicle.model"].create({"name": "Camión", "brand_id": brand.id})
            customer = env["res.partner"].create({"name": f"Flotilla lote {tag}", "is_company": True})
            vehicle = env["fleet.vehicle"].create({"model_id": model.id, "customer_id": customer.id})
            plan = env["fleet.maintenance.plan"].create(
                {"name": f"Aceite {tag}", "vehicle_id": vehicle.id, "interval_km": 5000}
            )
            env["fleet.vehicle.odometer"].create({"vehicle_id": vehicle.id, "value": 5200})
            assert plan.item_ids.state == "due"
            return {
                "brand": brand.id,
                "model": model.id,
                "partner": customer.id,
                "vehicle": vehicle.id,
                "plan": plan.id,
                "item": plan.item_ids.id,
            }

    def _cleanup(self, ids):
        with self._cursor() as cr:
            cr.execute("SELECT id, repair_id FROM service_order WHERE vehicle_id = %s", [ids["vehicle"]])
            rows = cr.fetchall()
            orders, repairs = [r[0] for r in rows] or [0], [r[1] for r in rows] or [0]
            records = {
                "service.order": orders,
                "repair.order": repairs,
                "fleet.maintenance.item": [ids["item"]],
                "fleet.maintenance.plan": [ids["plan"]],
                "fleet.vehicle": [ids["vehicle"]],
                "res.partner": [ids["partner"]],
            }
            for model, res_ids in records.items():
                cr.execute("DELETE FROM mail_message WHERE model = %s AND res_id = ANY(%s)", [model, res_ids])
                cr.execute("DELETE FROM mail_followers WHERE res_model = %s AND res_id = ANY(%s)", [model, res_ids])
                cr.execute("DELETE FROM mail_activity WHERE res_model = %s AND res_id = ANY(%s)", [model, res_ids])
            cr.execute("DELETE FROM fleet_maintenance_batch_wizard WHERE id = ANY(%s)", [ids.get("wizards", [0])])
            cr.execute("DELETE FROM fleet_maintenance_item WHERE id = %s", [ids["item"]])
            cr.execute("DELETE FROM service_order WHERE id = ANY(%s)", [orders])
            cr.execute("DELETE FROM repair_order WHERE id = ANY(%s)", [repairs])
            cr.execute("DELETE FROM fleet_maintenance_plan WHERE id = %s", [ids["plan"]])
            cr.execute("DELETE FROM fleet_vehicle_odometer WHERE vehicle_id = %s", [ids["vehicle"]])
            cr.execute("DELETE FROM fleet_vehicle WHERE id = %s", [ids["vehicle"]])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [ids["partner"]])
            cr.execute("DELETE FROM fleet_vehicle_model WHERE id = %s", [ids["model"]])
            cr.execute("DELETE FROM fleet_vehicle_model_brand WHERE id = %s", [ids["brand"]])

    def test_parallel_batches_create_one_order_per_item(self):
        ids = self._committed_due_item()
        barrier = threading.Barrier(2)
        results, wizards = [], []

        def planner():
            # the wizard is committed first: a retry rolls back, the wizard itself must survive it
            with self._cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                wizard_id = env["fleet.maintenance.batch.wizard"].create({"item_ids": [(6, 0, [ids["item"]])]}).id
                wizards.append(wizard_id)
            with self._cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                wizard = env["fleet.maintenance.batch.wizard"].browse(wizard_id)
                wizard.item_ids.read(["service_order_id"])  # both see the item without order
                barrier.wait(timeout=10)
                try:
                    retrying(wizard.action_create_orders, env)
                    results.append("ok")
                except UserError as exc:
                    results.append(str(exc))
                except Exception as exc:  # reported by the assertions, not lost in the thread
                    results.append(repr(exc))

        threads = [threading.Thread(target=planner, daemon=True) for _i in range(2)]
        try:
            # the test runner holds Registry._lock: threads asking Registry(db) would wait forever (see HttpCase)
            with patch.object(Registry, "_lock", DummyRLock()), mute_logger("odoo.service.model", "odoo.sql_db"):
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=120)
            self.assertFalse([t for t in threads if t.is_alive()], "a planner is still blocked")
            self.assertEqual(sorted(results)[1], "ok", results)
            self.assertIn("No maintenance item without a service order", sorted(results)[0])
            with self._cursor() as cr:
                cr.execute("SELECT count(*) FROM service_order WHERE vehicle_id = %s", [ids["vehicle"]])
                self.assertEqual(cr.fetchone()[0], 1, "one service order for the due item")
                cr.execute("SELECT service_order_id FROM fleet_maintenance_item WHERE id = %s", [ids["item"]])
                self.assertTrue(cr.fetchone()[0])
        finally:
            ids["wizards"] = wizards or [0]
            self._cleanup(ids)
