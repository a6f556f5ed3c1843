import threading
import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api, sql_db
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from .common import paid_order_vals


@tagged("post_install", "-at_install")
class TestHangerConcurrency(BaseCase):
    """Two cashiers sync a coat check order at the same time, each in its own committed transaction.

    The first holds its transaction open after taking a hanger; the second, run as an HTTP request is
    (retried on a lock conflict), must end up with the next hanger, never the same one.
    """

    def _cursor(self):
        return sql_db.db_connect(get_db_name()).cursor()

    def _committed_coat_check(self):
        tag = uuid.uuid4().hex[:8]
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            product = env["product.product"].create(
                {
                    "name": f"Guardarropa {tag}",
                    "list_price": 40,
                    "type": "service",
                    "available_in_pos": True,
                    "taxes_id": [Command.clear()],
                }
            )
            config = env["pos.config"].create(
                {
                    "name": f"Guardarropa {tag}",
                    "qr_ticket_enabled": True,
                    "qr_ticket_type": "coat_check",
                    "qr_ticket_expiry": "never",
                    "qr_coat_hangers": 50,
                }
            )
            session = env["pos.session"].create({"config_id": config.id, "user_id": SUPERUSER_ID})
            return {"product": product.id, "config": config.id, "session": session.id}

    def _cleanup(self, ids):
        with self._cursor() as cr:
            cr.execute("SELECT id FROM pos_order WHERE session_id = %s", [ids["session"]])
            orders = [r[0] for r in cr.fetchall()] or [0]
            cr.execute("SELECT id FROM pos_ticket WHERE order_id = ANY(%s)", [orders])
            tickets = [r[0] for r in cr.fetchall()] or [0]
            for model, res_ids in (("pos.ticket", tickets), ("pos.order", orders)):
                cr.execute("DELETE FROM mail_message WHERE model = %s AND res_id = ANY(%s)", [model, res_ids])
                cr.execute("DELETE FROM mail_followers WHERE res_model = %s AND res_id = ANY(%s)", [model, res_ids])
            cr.execute("DELETE FROM pos_ticket_line WHERE ticket_id = ANY(%s)", [tickets])
            cr.execute("DELETE FROM pos_ticket WHERE id = ANY(%s)", [tickets])
            cr.execute("DELETE FROM pos_payment WHERE pos_order_id = ANY(%s)", [orders])
            cr.execute("DELETE FROM pos_order_line WHERE order_id = ANY(%s)", [orders])
            cr.execute("DELETE FROM pos_order WHERE id = ANY(%s)", [orders])
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["pos.session"].browse(ids["session"]).unlink()
            env["pos.config"].browse(ids["config"]).unlink()
            product = env["product.product"].browse(ids["product"])
            template = product.product_tmpl_id
            template.available_in_pos = False
            product.unlink()
            template.unlink()

    def test_parallel_coat_checks_get_different_hangers(self):
        ids = self._committed_coat_check()
        first_has_hanger = threading.Event()
        hangers, errors = {}, []

        def cashier(name, hold):
            try:
                with self._cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    session = env["pos.session"].browse(ids["session"])
                    product = env["product.product"].browse(ids["product"])
                    data = paid_order_vals(session, [(product, 1)], SUPERUSER_ID)
                    if hold:
                        env["pos.order"].sync_from_ui([data])
                    else:
                        # as an HTTP request: retried on a lock conflict, committed at the end
                        retrying(lambda: env["pos.order"].sync_from_ui([data]), env)
                    hangers[name] = env["pos.order"].search([("uuid", "=", data["uuid"])]).qr_ticket_hanger
                    if hold:
                        # not committed yet: the other cashier's sync runs meanwhile
                        first_has_hanger.set()
                        cr.execute("SELECT pg_sleep(1.5)")
                    # leaving the block commits
            except Exception as exc:  # reported by the assertions, not lost in the thread
                errors.append(repr(exc))

        first = threading.Thread(target=cashier, args=("first", True), daemon=True)
        second = threading.Thread(target=cashier, args=("second", False), daemon=True)
        try:
            with (
                patch.object(Registry, "_lock", DummyRLock()),
                mute_logger("odoo.service.model", "odoo.sql_db"),
            ):
                first.start()
                self.assertTrue(first_has_hanger.wait(timeout=60), errors)
                second.start()
                first.join(timeout=60)
                second.join(timeout=60)
            self.assertFalse(errors)
            self.assertEqual(sorted(hangers.values()), [1, 2], hangers)
        finally:
            self._cleanup(ids)
