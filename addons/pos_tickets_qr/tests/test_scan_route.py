from odoo.addons.pos_tickets_qr.lib import payload as qr_payload
from odoo.tests import tagged

from .common import PosTicketsCommon


@tagged("post_install", "-at_install")
class TestScanRoute(PosTicketsCommon):
    def _scan(self, payload, consume=False):
        return self._jsonrpc("/pos_tickets_qr/scan", {"payload": payload, "consume": consume})["result"]

    def test_scan_valid_twice_changes_nothing(self):
        order, _data = self._sell([(self.beer, 2)])
        ticket = self._ticket(order)
        self.authenticate("pos_user", "pos_user")
        first = self._scan(ticket.payload)
        second = self._scan(ticket.payload)
        self.assertEqual(first["status"], "ok")
        self.assertEqual(first, second)
        self.assertEqual(first["ticket"]["code"], ticket.code)
        self.assertEqual(first["ticket"]["lines"][0]["qty_remaining"], 2)
        self.assertEqual(ticket.state, "open")

    def test_scan_refusals(self):
        order, _data = self._sell([(self.beer, 1)])
        ticket = self._ticket(order)
        self.authenticate("pos_user", "pos_user")
        tampered = ticket.payload[:-3] + ("AAA" if not ticket.payload.endswith("AAA") else "BBB")
        wrong_key = qr_payload.sign("not-the-secret", order.company_id.id, qr_payload.new_token())
        unknown = qr_payload.sign(
            self.env["pos.ticket"]._get_signing_secret(), order.company_id.id, qr_payload.new_token()
        )
        cases = {
            tampered: "forged",
            wrong_key: "forged",
            "garbage": "malformed",
            ticket.payload[:20]: "malformed",
            unknown: "unknown",
        }
        for payload, status in cases.items():
            result = self._scan(payload)
            self.assertEqual(result["status"], status, payload)
            self.assertFalse(result["ticket"])
            self.assertTrue(result["message"])
        ticket.action_void("refund")
        self.assertEqual(self._scan(ticket.payload)["status"], "void")

    def test_entry_consume_twice(self):
        self.main_pos_config.write({"qr_ticket_type": "entry", "qr_ticket_expiry": "never"})
        order, _data = self._sell([(self.beer, 1)])
        ticket = self._ticket(order)
        self.authenticate("pos_user", "pos_user")
        self.assertEqual(self._scan(ticket.payload, consume=True)["status"], "ok")
        self.assertEqual(self._scan(ticket.payload, consume=True)["status"], "delivered")
