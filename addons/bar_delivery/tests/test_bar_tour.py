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
