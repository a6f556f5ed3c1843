import threading
import uuid

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestWalletConcurrency(BaseCase):
    """Two tills debit the same wallet at the same moment, each in its own committed transaction."""

    def _cursor(self):
        # Real connections, no test transaction: a TransactionCase's open transaction would hold locks.
        return sql_db.db_connect(get_db_name()).cursor()

    def _committed_wallet(self, amount):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            partner = env["res.partner"].with_company(company).create({"name": f"Cliente concurrente {uuid.uuid4()}"})
            partner.action_wallet_topup(amount, f"concurrency:{partner.id}")
            return partner.id, partner._wallet_card().id

    def _cleanup(self, partner_id, card_id):
        with self._cursor() as cr:
            cr.execute("DELETE FROM wallet_transaction WHERE card_id = %s", [card_id])
            cr.execute("DELETE FROM loyalty_history WHERE card_id = %s", [card_id])
            cr.execute("DELETE FROM loyalty_card WHERE id = %s", [card_id])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [partner_id])

    def _debit(self, card_id, amount, barrier, results):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            card = env["loyalty.card"].browse(card_id)
            barrier.wait(timeout=10)
            try:
                key = f"payment:{uuid.uuid4()}"
                retrying(lambda: env["wallet.transaction"]._post(card, -amount, "payment", key), env)
                results.append("ok")
            except UserError as exc:
                results.append(str(exc))

    def test_concurrent_debits_one_wins(self):
        partner_id, card_id = self._committed_wallet(100.0)
        try:
            barrier = threading.Barrier(2)
            results = []
            threads = [threading.Thread(target=self._debit, args=(card_id, 80.0, barrier, results)) for _i in range(2)]
            with mute_logger("odoo.service.model"):
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=60)
            self.assertEqual(sorted(r == "ok" for r in results), [False, True], results)
            self.assertIn("Insufficient wallet balance", next(r for r in results if r != "ok"))
            with self._cursor() as cr:
                cr.execute("SELECT points FROM loyalty_card WHERE id = %s", [card_id])
                self.assertEqual(cr.fetchone()[0], 20.0)
                cr.execute("SELECT count(*), sum(amount) FROM wallet_transaction WHERE card_id = %s", [card_id])
                self.assertEqual(cr.fetchone(), (2, 20.0))
        finally:
            self._cleanup(partner_id, card_id)
