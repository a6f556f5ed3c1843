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
class TestServiceOrderConcurrency(BaseCase):
    """Two clerks act on the same order at the same instant, each in its own committed transaction.

    HttpCase would serialize the requests on one test cursor: here each thread has its own connection,
    over data committed beforehand (and deleted afterwards), and Odoo's own retry loop (``retrying``,
    what an HTTP request does on a serialization failure) around the call.
    """

    def _cursor(self):
        return sql_db.db_connect(get_db_name()).cursor()

    def _committed_order(self):
        """An order in quality check, its 2 parts reserved out of 5 in stock, with one labour line."""
        tag = uuid.uuid4().hex[:8]
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            brand = env["fleet.vehicle.model.brand"].create({"name": f"Marca concurrencia {tag}"})
            model = env["fleet.vehicle.model"].create({"name": "Modelo", "brand_id": brand.id})
            base = env["fitment.base.vehicle"].create({"year": 2021, "model_id": model.id})
            fitment = env["fitment.vehicle"].create({"base_vehicle_id": base.id})
            customer = env["res.partner"].create({"name": f"Cliente concurrencia {tag}"})
            vehicle = env["fleet.vehicle"].create({"fitment_vehicle_id": fitment.id, "customer_id": customer.id})
            part = env["product.product"].create(
                {"name": f"Amortiguador {tag}", "type": "consu", "is_storable": True, "list_price": 700.0}
            )
            labour = env["product.product"].create({"name": f"Hora {tag}", "type": "service", "list_price": 400.0})
            order = env["service.order"].create(
                {"vehicle_id": vehicle.id, "labour_ids": [(0, 0, {"product_id": labour.id, "hours": 1})]}
            )
            stock = env["stock.warehouse"].search([("company_id", "=", order.company_id.id)], limit=1).lot_stock_id
            env["stock.quant"]._update_available_quantity(part, stock, 5)
            env["stock.move"].create(
                {
                    "repair_id": order.repair_id.id,
                    "product_id": part.id,
                    "product_uom_qty": 2,
                    "repair_line_type": "add",
                }
            )
            stages = {s.code: s for s in env["service.order.stage"].search([])}
            order.stage_id = stages["diagnosis"]
            order.write({"quote_approved_by": "Cliente", "quote_approval_method": "phone"})
            order.action_approve_quote()
            for code in ("repair", "quality_check"):
                order.stage_id = stages[code]
            assert order.state == "under_repair" and order.move_ids.quantity == 2
            return {
                "order": order.id,
                "repair": order.repair_id.id,
                "partner": customer.id,
                "vehicle": vehicle.id,
                "fitment": fitment.id,
                "base": base.id,
                "model": model.id,
                "brand": brand.id,
                "products": (part | labour).ids,
                "templates": (part | labour).product_tmpl_id.ids,
                "part": part.id,
                "stock": stock.id,
                "ready": stages["ready"].id,
            }

    def _cleanup(self, ids):
        with self._cursor() as cr:
            cr.execute(
                "SELECT id FROM sale_order WHERE origin = (SELECT name FROM repair_order WHERE id = %s)",
                [ids["repair"]],
            )
            sale_ids = [row[0] for row in cr.fetchall()] or [0]
            records = {
                "service.order": [ids["order"]],
                "repair.order": [ids["repair"]],
                "sale.order": sale_ids,
                "res.partner": [ids["partner"]],
                "fleet.vehicle": [ids["vehicle"]],
                "product.product": ids["products"],
                "product.template": ids["templates"],
            }
            for model, res_ids in records.items():
                for table in ("mail_message", "mail_followers", "mail_activity"):
                    cr.execute(
                        f"DELETE FROM {table} WHERE res_model = %s AND res_id = ANY(%s)"
                        if table != "mail_message"
                        else f"DELETE FROM {table} WHERE model = %s AND res_id = ANY(%s)",
                        [model, res_ids],
                    )
            cr.execute("UPDATE repair_order SET sale_order_id = NULL WHERE id = %s", [ids["repair"]])
            cr.execute("DELETE FROM stock_move_line WHERE product_id = ANY(%s)", [ids["products"]])
            cr.execute("DELETE FROM stock_move WHERE product_id = ANY(%s)", [ids["products"]])
            cr.execute("DELETE FROM sale_order_line WHERE order_id = ANY(%s)", [sale_ids])
            cr.execute("DELETE FROM sale_order WHERE id = ANY(%s)", [sale_ids])
            cr.execute("DELETE FROM stock_quant WHERE product_id = ANY(%s)", [ids["products"]])
            cr.execute("DELETE FROM service_order WHERE id = %s", [ids["order"]])
            cr.execute("DELETE FROM repair_order WHERE id = %s", [ids["repair"]])
            cr.execute("DELETE FROM fleet_vehicle WHERE id = %s", [ids["vehicle"]])
            cr.execute("DELETE FROM product_product WHERE id = ANY(%s)", [ids["products"]])
            cr.execute("DELETE FROM product_template WHERE id = ANY(%s)", [ids["templates"]])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [ids["partner"]])
            cr.execute("DELETE FROM fitment_vehicle WHERE id = %s", [ids["fitment"]])
            cr.execute("DELETE FROM fitment_base_vehicle WHERE id = %s", [ids["base"]])
            cr.execute("DELETE FROM fleet_vehicle_model WHERE id = %s", [ids["model"]])
            cr.execute("DELETE FROM fleet_vehicle_model_brand WHERE id = %s", [ids["brand"]])

    def _race(self, order_id, action, clerks=2):
        """Run ``action(order)`` in ``clerks`` threads released at once; returns "ok" or the error of each."""
        barrier = threading.Barrier(clerks)
        results = []

        def clerk():
            with self._cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                order = env["service.order"].browse(order_id)
                # both read the order before either acts: each one's snapshot sees it untouched
                order.read(["stage_id", "sale_order_id"])
                barrier.wait(timeout=10)
                try:
                    retrying(lambda: action(order), env)
                    results.append("ok")
                except UserError as exc:
                    results.append(str(exc))
                except Exception as exc:  # reported by the assertions, not lost in the thread
                    results.append(repr(exc))

        threads = [threading.Thread(target=clerk, daemon=True) for _i in range(clerks)]
        # the test runner holds Registry._lock while tests run: threads asking Registry(db) (new environment,
        # retry after a serialization failure) would wait forever; HttpCase lifts it the same way for its server
        with patch.object(Registry, "_lock", DummyRLock()), mute_logger("odoo.service.model", "odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        self.assertFalse([t for t in threads if t.is_alive()], "a clerk is still blocked")
        return results

    def test_parallel_ready_consumes_parts_once(self):
        ids = self._committed_order()
        try:
            results = self._race(ids["order"], lambda order: order.write({"stage_id": ids["ready"]}))
            self.assertEqual(results, ["ok", "ok"])
            with self._cursor() as cr:
                cr.execute(
                    "SELECT count(*), sum(quantity) FROM stock_move WHERE product_id = %s AND state = 'done'",
                    [ids["part"]],
                )
                self.assertEqual(cr.fetchone(), (1, 2.0), "the parts are consumed exactly once")
                cr.execute(
                    "SELECT sum(quantity) FROM stock_quant WHERE product_id = %s AND location_id = %s",
                    [ids["part"], ids["stock"]],
                )
                self.assertEqual(cr.fetchone()[0], 3.0)
                cr.execute(
                    "SELECT count(*) FROM service_order_stage_history WHERE order_id = %s AND stage_id = %s",
                    [ids["order"], ids["ready"]],
                )
                self.assertEqual(cr.fetchone()[0], 1, "one history line for the move to Ready")
                cr.execute("SELECT state FROM repair_order WHERE id = %s", [ids["repair"]])
                self.assertEqual(cr.fetchone()[0], "done")
        finally:
            self._cleanup(ids)

    def test_parallel_billing_creates_one_quotation(self):
        ids = self._committed_order()
        try:
            results = self._race(ids["order"], lambda order: order.action_create_sale_order(), clerks=3)
            self.assertEqual(results, ["ok", "ok", "ok"])
            with self._cursor() as cr:
                cr.execute(
                    "SELECT so.id FROM sale_order so JOIN repair_order r ON r.name = so.origin WHERE r.id = %s",
                    [ids["repair"]],
                )
                sales = cr.fetchall()
                self.assertEqual(len(sales), 1, "one quotation, however many clicks")
                cr.execute(
                    "SELECT product_id, product_uom_qty FROM sale_order_line WHERE order_id = %s ORDER BY product_id",
                    [sales[0][0]],
                )
                self.assertEqual(cr.fetchall(), [(ids["products"][0], 2.0), (ids["products"][1], 1.0)])
        finally:
            self._cleanup(ids)
