"""Finding a warranty by the QR ticket of pos_tickets_qr (an optional integration). Runs in the suite's full run,
where every addon is installed; when warranty_rma is tested alone it is reported as skipped, never as passed."""

import unittest

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WarrantyCommon


@tagged("post_install", "-at_install", "warranty_rma_pos_tickets_qr")
class TestClaimLookupByQrTicket(WarrantyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "qr_ticket_enabled" not in cls.env["pos.config"]._fields:
            raise unittest.SkipTest("pos_tickets_qr is not installed")
        cls.config.write({"qr_ticket_enabled": True, "qr_ticket_type": "delivery", "qr_ticket_prefix": "GAR"})

    def setUp(self):
        super().setUp()
        self.open_new_session()

    def test_find_warranties_by_qr_ticket(self):
        claims = self.env["warranty.claim"]
        order, _data = self._sync_pos_order([(self.battery, 1)])
        other, _data = self._sync_pos_order([(self.alternator, 1)])
        self.assertTrue(order.qr_ticket_code.startswith("GAR "), order.qr_ticket_code)
        self.assertNotEqual(order.qr_ticket_code, other.qr_ticket_code)
        self.assertTrue(order.warranty_ids)
        # the code printed under the QR, as the clerk types it (surrounding blanks ignored)
        self.assertEqual(claims.find_warranties(receipt=f" {order.qr_ticket_code} "), order.warranty_ids)
        # what a scanner reads from the QR itself
        self.assertEqual(claims.find_warranties(receipt=other.qr_ticket_payload), other.warranty_ids)
        with self.assertRaisesRegex(UserError, "No sale with a warranty"):
            claims.find_warranties(receipt="GAR 99999999")
