import sys
import threading
import traceback
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestClaimConcurrency(BaseCase):
    """Two counters claim the same warranty at the same moment, each in its own committed transaction."""

    def _cursor(self):
        # Real connections, no test transaction: the claims must commit for the other side to see them.
        return sql_db.db_connect(get_db_name()).cursor()

    def _committed_warranty(self):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            term = env["warranty.term"].create({"name": "Concurrencia 12 meses", "months": 12})
            product = env["product.product"].create({"name": "Alternador concurrente", "warranty_term_id": term.id})
            partner = env["res.partner"].create({"name": "Cliente concurrente"})
            warranty = env["warranty.warranty"].create(
                env["warranty.warranty"]._prepare_vals(term, product, 2.0, partner, fields.Date.today())
            )
            self.addCleanup(self._cleanup, warranty.id, product.product_tmpl_id.id, term.id, partner.id)
            return warranty.id

    def _cleanup(self, warranty_id, template_id, term_id, partner_id):
        with self._cursor() as cr:
            cr.execute("SELECT id FROM warranty_claim WHERE warranty_id = %s", [warranty_id])
            claim_ids = [row[0] for row in cr.fetchall()]
            for model, ids in (("warranty.claim", claim_ids), ("warranty.warranty", [warranty_id])):
                cr.execute("DELETE FROM mail_message WHERE model = %s AND res_id = ANY(%s)", [model, ids])
                cr.execute("DELETE FROM mail_followers WHERE res_model = %s AND res_id = ANY(%s)", [model, ids])
            cr.execute("DELETE FROM warranty_claim WHERE warranty_id = %s", [warranty_id])
            cr.execute("DELETE FROM warranty_warranty WHERE id = %s", [warranty_id])
            cr.execute("DELETE FROM product_template WHERE id = %s", [template_id])
            cr.execute("DELETE FROM warranty_term WHERE id = %s", [term_id])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [partner_id])

    def _claim(self, env, warranty_id, barrier, results):
        env["warranty.warranty"].browse(warranty_id).name  # noqa: B018 - both snapshots start before either claim
        barrier.wait(timeout=20)
        try:
            claim = retrying(
                lambda: env["warranty.claim"].create(
                    {"warranty_id": warranty_id, "quantity": 1.0, "reason": "Falla al mismo tiempo"}
                ),
                env,
            )
            results.append(("ok", claim.id))
        except (UserError, ValidationError) as exc:
            results.append(("refused", str(exc)))

    def test_two_counters_claim_the_same_warranty(self):
        warranty_id = self._committed_warranty()
        barrier = threading.Barrier(2)
        results = []
        # One cursor (one connection, one transaction) per counter. The environments are made here: the test
        # runner's thread holds the registry lock that a new environment's first lookup would wait for.
        cursors = [self._cursor() for _i in range(2)]
        try:
            envs = [api.Environment(cr, SUPERUSER_ID, {}) for cr in cursors]
            threads = [
                threading.Thread(target=self._claim, args=(env, warranty_id, barrier, results), daemon=True)
                for env in envs
            ]
            # The test runner's thread holds the registry class lock; the counters only look registries up
            # (after their commit too), so they get Odoo's test-mode dummy lock instead of waiting forever.
            with mute_logger("odoo.service.model", "odoo.sql_db"), patch.object(Registry, "_lock", DummyRLock()):
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=120)
            stuck = [thread for thread in threads if thread.is_alive()]
            frames = sys._current_frames()
            stacks = "".join("".join(traceback.format_stack(frames[thread.ident])) for thread in stuck)
            self.assertFalse(stuck, f"a counter is still waiting: {stacks}")
        finally:
            for cr in cursors:
                cr.close()
        self.assertEqual(sorted(kind for kind, _value in results), ["ok", "refused"], results)
        refusal = next(value for kind, value in results if kind == "refused")
        self.assertIn("already has the open claim", refusal, "the retry sees the first claim and says why")
        with self._cursor() as cr:
            cr.execute("SELECT count(*) FROM warranty_claim WHERE warranty_id = %s", [warranty_id])
            self.assertEqual(cr.fetchone()[0], 1, "only one claim was written")
