from odoo.tests import tagged

from .common import BarDeliveryCommon


@tagged("post_install", "-at_install")
class TestBarDeliveryTour(BarDeliveryCommon):
    def test_sell_then_deliver_in_two_rounds(self):
        self.start_pos_tour("PosTicketsQrSellTour")
        order = self.env["pos.order"].search([("config_id", "=", self.main_pos_config.id)], order="id desc", limit=1)
        ticket = self._ticket(order)
        self.assertEqual(ticket.state, "open")
        self.start_tour(
            "/odoo/action-bar_delivery.bar_delivery_screen_action", "BarDeliveryBartenderTour", login="bar_tablet"
        )
        self.assertEqual(ticket.state, "delivered")
        logs = self.env["bar.delivery.log"].sudo().search([("ticket_id", "=", ticket.id)], order="id")
        self.assertEqual(
            [(log.action, log.reason, log.qty_delivered) for log in logs],
            [("scan", "ok", 0), ("deliver", "ok", 1), ("deliver", "ok", 1), ("scan", "delivered", 0)],
        )

    def test_coat_check_returned_at_the_screen_frees_the_hanger(self):
        self.main_pos_config.write({"qr_ticket_type": "coat_check", "qr_coat_hangers": 10})
        ticket = self._ticket(self._sell([(self.beer, 1)])[0])
        self.assertEqual(ticket.hanger_number, 1)
        self.start_tour(
            "/odoo/action-bar_delivery.bar_delivery_screen_action", "BarDeliveryCoatCheckTour", login="bar_tablet"
        )
        self.assertEqual(ticket.state, "delivered")
        self.assertEqual(self._ticket(self._sell([(self.beer, 1)])[0]).hanger_number, 1, "the hanger is free again")
