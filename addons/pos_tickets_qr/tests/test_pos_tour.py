from odoo.tests import tagged

from .common import PosTicketsCommon


@tagged("post_install", "-at_install")
class TestPosTicketsTour(PosTicketsCommon):
    def test_receipt_carries_the_qr(self):
        self.start_pos_tour("PosTicketsQrSellTour")
        order = self.env["pos.order"].search([("config_id", "=", self.main_pos_config.id)], order="id desc", limit=1)
        ticket = self._ticket(order)
        self.assertEqual(ticket.line_ids.mapped("qty_ordered"), [2.0])
        self.assertEqual(order.qr_ticket_payload, ticket.payload)

    def test_coat_check_receipt_carries_the_hanger(self):
        self.main_pos_config.write({"qr_ticket_type": "coat_check", "qr_coat_hangers": 30})
        self.start_pos_tour("PosTicketsQrCoatCheckTour")
        order = self.env["pos.order"].search([("config_id", "=", self.main_pos_config.id)], order="id desc", limit=1)
        self.assertEqual((self._ticket(order).hanger_number, order.qr_ticket_hanger), (1, 1))
