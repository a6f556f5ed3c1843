import copy
import threading
import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestWalletConcurrency(BaseCase):
    """Two POS sessions pay with the same wallet at the same moment, each sync in its own transaction.

    HttpCase and TransactionCase run everything on one test cursor, so the data is committed here and each
    till runs `pos.order.sync_from_ui` on its own registry cursor in a thread, through Odoo's RPC retry
    loop (`retrying`), exactly as two RPC requests would. Everything created is deleted at the end.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        self.tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            env = env(context={"allowed_company_ids": [company.id]})
            self.product = env["product.product"].create(
                {"name": f"Balata {self.tag}", "type": "service", "list_price": 80.0, "taxes_id": [(5, 0, 0)]}
            )
            partner = env["res.partner"].create({"name": f"Cliente concurrente {self.tag}"})
            configs = env["pos.config"].create([{"name": f"Caja {i} {self.tag}"} for i in (1, 2)])
            self.wallet_pm = company._wallet_setup(configs)
            for config in configs:
                config.open_ui()
                config.current_session_id.set_opening_control(0, None)
            partner.with_company(company).action_wallet_topup(100.0, f"concurrency:{self.tag}")
            self.partner_id, self.card_id = partner.id, partner.with_company(company)._wallet_card().id
            self.session_ids = configs.current_session_id.ids
            self.config_ids = configs.ids
            self.product_id = self.product.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT id FROM pos_order WHERE session_id = ANY(%s)", [self.session_ids])
            order_ids = [row[0] for row in cr.fetchall()]
            cr.execute("DELETE FROM wallet_transaction WHERE card_id = %s", [self.card_id])
            cr.execute(
                "DELETE FROM loyalty_history WHERE card_id IN (SELECT id FROM loyalty_card WHERE partner_id = %s)",
                [self.partner_id],
            )
            cr.execute("DELETE FROM loyalty_card WHERE partner_id = %s", [self.partner_id])
            cr.execute("DELETE FROM pos_payment WHERE pos_order_id = ANY(%s)", [order_ids])
            cr.execute("DELETE FROM pos_order_line WHERE order_id = ANY(%s)", [order_ids])
            cr.execute("DELETE FROM pos_order WHERE id = ANY(%s)", [order_ids])
            cr.execute("DELETE FROM account_bank_statement_line WHERE pos_session_id = ANY(%s)", [self.session_ids])
            cr.execute("DELETE FROM pos_session WHERE id = ANY(%s)", [self.session_ids])
            cr.execute("DELETE FROM pos_config WHERE id = ANY(%s)", [self.config_ids])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [self.partner_id])
            cr.execute("DELETE FROM product_product WHERE id = %s RETURNING product_tmpl_id", [self.product_id])
            cr.execute("DELETE FROM product_template WHERE id = %s", [cr.fetchone()[0]])

    def _order_data(self, session_id):
        line = {
            "product_id": self.product_id,
            "qty": 1,
            "price_unit": 80.0,
            "price_subtotal": 80.0,
            "price_subtotal_incl": 80.0,
            "tax_ids": [],
            "pack_lot_ids": [],
            "uuid": str(uuid.uuid4()),
        }
        payment = {"amount": 80.0, "payment_method_id": self.wallet_pm.id, "uuid": str(uuid.uuid4())}
        return {
            "amount_paid": 80.0,
            "amount_return": 0,
            "amount_tax": 0,
            "amount_total": 80.0,
            "date_order": fields.Datetime.to_string(fields.Datetime.now()),
            "lines": [(0, 0, line)],
            "payment_ids": [(0, 0, payment)],
            "partner_id": self.partner_id,
            "session_id": session_id,
            "state": "paid",
            "uuid": str(uuid.uuid4()),
            "user_id": SUPERUSER_ID,
            "to_invoice": False,
            "last_order_preparation_change": "{}",
        }

    def _till(self, env, session_id, barrier, results):
        data = self._order_data(session_id)
        barrier.wait(timeout=20)
        try:
            # a fresh copy per attempt: order processing consumes the dict
            retrying(lambda: env["pos.order"].sync_from_ui([copy.deepcopy(data)]), env)
            results.append("ok")
        except UserError as exc:
            results.append(str(exc))

    def test_two_sessions_pay_with_the_same_wallet(self):
        barrier = threading.Barrier(2)
        results = []
        # One cursor (one connection, one transaction) per till. The test runner's thread holds the registry
        # lock for the whole run (against concurrent registry loading); the tills only look the loaded registry
        # up (new environments, `retrying`'s reset), so they get the dummy lock Odoo's own test mode uses.
        cursors = [self.registry.cursor() for _session in self.session_ids]
        try:
            envs = [api.Environment(cr, SUPERUSER_ID, {}) for cr in cursors]
            threads = [
                threading.Thread(target=self._till, args=(env, session_id, barrier, results))
                for env, session_id in zip(envs, self.session_ids, strict=True)
            ]
            with (
                patch.object(Registry, "_lock", DummyRLock()),
                mute_logger("odoo.service.model", "odoo.sql_db", "odoo.addons.point_of_sale.models.pos_order"),
            ):
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=120)
            self.assertFalse(any(thread.is_alive() for thread in threads), "a till is still waiting")
        finally:
            for cr in cursors:
                cr.close()
        self.assertEqual(sorted(r == "ok" for r in results), [False, True], results)
        self.assertIn("Insufficient wallet balance", next(r for r in results if r != "ok"))
        with self.registry.cursor() as cr:
            cr.execute("SELECT points FROM loyalty_card WHERE id = %s", [self.card_id])
            self.assertEqual(cr.fetchone()[0], 20.0)
            cr.execute("SELECT count(*), sum(amount) FROM wallet_transaction WHERE card_id = %s", [self.card_id])
            self.assertEqual(cr.fetchone(), (2, 20.0))
            cr.execute("SELECT count(*) FROM pos_order WHERE session_id = ANY(%s)", [self.session_ids])
            self.assertEqual(cr.fetchone()[0], 1, "the refused order is not saved")
