import threading
import time
import uuid
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.addons.mx_cfdi.lib.pac.demo import DemoPac
from odoo.exceptions import UserError
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

SIGNED = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" Folio="{folio}" Sello="c2VsbG8="'
    ' Total="116.00"><cfdi:Emisor Rfc="EKU9003173C9"/><cfdi:Receptor Rfc="XAXX010101000"/></cfdi:Comprobante>'
)


@tagged("post_install", "-at_install")
class TestCfdiQueueConcurrency(BaseCase):
    """Two cron workers take the stamping queue at the same moment, each in its own transaction.

    The documents are committed here and each worker runs `_cron_process` on its own registry cursor in a
    thread, as two cron processes would. The PAC is the demo one, slowed down so both workers overlap;
    sealing is replaced by a fixed signed XML (sealing has its own tests). Everything is deleted afterwards.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            documents = env["mx.cfdi.document"].create(
                [{"name": f"CONC-{tag}-{i}", "company_id": company.id, "cfdi_type": "I"} for i in range(6)]
            )
            self.document_ids = documents.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM ir_attachment WHERE res_model = 'mx.cfdi.document' AND res_id = ANY(%s)",
                [self.document_ids],
            )
            cr.execute("DELETE FROM mx_cfdi_document WHERE id = ANY(%s)", [self.document_ids])

    def _worker(self, barrier, errors):
        try:
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                barrier.wait(timeout=20)
                env["mx.cfdi.document"]._cron_process()
        except Exception as exc:  # reported by the test thread
            errors.append(repr(exc))

    def test_two_workers_stamp_each_document_once(self):
        calls = []
        real_stamp = DemoPac.stamp

        def slow_stamp(pac, xml):
            calls.append(xml)
            time.sleep(0.2)
            return real_stamp(pac, xml)

        def fixed_signature(document):
            return SIGNED.format(folio=document.name).encode()

        document_class = self.registry["mx.cfdi.document"]
        company_class = self.registry["res.company"]
        barrier = threading.Barrier(2)
        errors = []
        threads = [threading.Thread(target=self._worker, args=(barrier, errors)) for _i in range(2)]
        with (
            patch.object(Registry, "_lock", DummyRLock()),
            patch.object(DemoPac, "stamp", slow_stamp),
            patch.object(document_class, "_sign", fixed_signature),
            patch.object(company_class, "_mx_cfdi_pac_client", lambda company: DemoPac()),
            mute_logger("odoo.sql_db"),
        ):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
        self.assertFalse(any(thread.is_alive() for thread in threads), "a worker is still running")
        self.assertFalse(errors, errors)
        mine = [xml for xml in calls if b"CONC-" in xml]
        self.assertEqual(len(mine), 6, "each document went to the PAC exactly once")
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*), count(DISTINCT uuid) FROM mx_cfdi_document WHERE id = ANY(%s) AND state = 'stamped'",
                [self.document_ids],
            )
            self.assertEqual(cr.fetchone(), (6, 6))
            cr.execute(
                "SELECT count(*) FROM ir_attachment WHERE res_model = 'mx.cfdi.document' AND res_id = ANY(%s)",
                [self.document_ids],
            )
            self.assertEqual(cr.fetchone()[0], 6, "one stamped XML per document")


@tagged("post_install", "-at_install")
class TestStampNowAgainstTheQueue(BaseCase):
    """ "Stamp now" while a cron worker holds the document: refused at once, the document untouched.

    Two real connections on a committed document: the first locks its row as `_cron_process` does, the
    second calls the door. No thread, no sleep: NOWAIT answers immediately (lock_timeout only bounds a
    version of the door that would wait).
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            name = f"NOW-{uuid.uuid4().hex[:8]}"
            self.document_id = (
                env["mx.cfdi.document"].create({"name": name, "company_id": company.id, "cfdi_type": "I"}).id
            )
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM mx_cfdi_document WHERE id = %s", [self.document_id])

    def test_stamp_now_refused_while_the_cron_holds_the_document(self):
        with self.registry.cursor() as cron_cr, self.registry.cursor() as user_cr:
            cron_cr.execute("SELECT id FROM mx_cfdi_document WHERE id = %s FOR UPDATE SKIP LOCKED", [self.document_id])
            self.assertEqual(cron_cr.fetchall(), [(self.document_id,)])
            user_cr.execute("SET LOCAL lock_timeout = '2s'")
            env = api.Environment(user_cr, SUPERUSER_ID, {})
            with self.assertRaisesRegex(UserError, "processing"), mute_logger("odoo.sql_db"):
                env["mx.cfdi.document"].browse(self.document_id).action_process_now()
            user_cr.rollback()
            cron_cr.rollback()
        with self.registry.cursor() as cr:
            cr.execute("SELECT state, COALESCE(attempts, 0) FROM mx_cfdi_document WHERE id = %s", [self.document_id])
            self.assertEqual(cr.fetchone(), ("to_stamp", 0))
