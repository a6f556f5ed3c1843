from datetime import timedelta

from odoo import fields
from odoo.addons.pos_tickets_qr.lib import payload as qr_payload
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PosTicketsCommon


@tagged("post_install", "-at_install")
class TestPosTicket(PosTicketsCommon):
    def test_paid_order_gets_one_signed_ticket(self):
        order, _data = self._sell([(self.beer, 2), (self.mojito, 1), (self.chips, 1)])
        ticket = self._ticket(order)
        self.assertEqual(len(ticket), 1)
        self.assertRegex(ticket.code, r"^BAR \d{5,}$")
        self.assertEqual(ticket.state, "open")
        self.assertEqual(ticket.company_id, order.company_id)
        # the snack category is configured without ticket
        self.assertEqual(
            sorted((line.product_id.name, line.qty_ordered) for line in ticket.line_ids),
            [("QR Beer", 2.0), ("QR Mojito", 1.0)],
        )
        secret = self.env["pos.ticket"]._get_signing_secret()
        self.assertEqual(qr_payload.verify(secret, ticket.payload), (order.company_id.id, ticket.token))
        self.assertEqual(order.qr_ticket_payload, ticket.payload)
        self.assertEqual(order.qr_ticket_code, ticket.code)

    def test_resynced_order_does_not_create_a_second_ticket(self):
        order, data = self._sell([(self.beer, 1)])
        self.env["pos.order"].sync_from_ui([data])
        order._qr_ticket_create()
        self.assertEqual(self.env["pos.ticket"].search_count([("order_id", "=", order.id)]), 1)
        self.assertEqual(self.env["pos.order"].search_count([("uuid", "=", data["uuid"])]), 1)

    def test_disabled_config_or_only_skipped_products_no_ticket(self):
        order, _data = self._sell([(self.chips, 2)])
        self.assertFalse(self._ticket(order))
        self.main_pos_config.qr_ticket_enabled = False
        order, _data = self._sell([(self.beer, 1)])
        self.assertFalse(self._ticket(order))
        self.assertFalse(order.qr_ticket_payload)

    def test_state_machine(self):
        order, _data = self._sell([(self.beer, 2), (self.mojito, 1)])
        ticket = self._ticket(order)
        beer_line = ticket.line_ids.filtered(lambda line: line.product_id == self.beer)
        beer_line.sudo().qty_delivered = 1
        ticket._recompute_state()
        self.assertEqual(ticket.state, "partial")
        self.assertEqual(beer_line.qty_remaining, 1)
        for line in ticket.line_ids.sudo():
            line.qty_delivered = line.qty_ordered
        ticket._recompute_state()
        self.assertEqual(ticket.state, "delivered")
        self.assertEqual(ticket._refusal_reason(), "delivered")
        ticket.action_void("test")
        ticket._recompute_state()
        self.assertEqual(ticket.state, "void", "a void ticket never comes back")

    def test_refund_voids_the_ticket(self):
        order, _data = self._sell([(self.beer, 2)])
        ticket = self._ticket(order)
        refund, _data = self._sell([(self.beer, -2, order.lines)])
        self.assertEqual(refund.refunded_order_id, order)
        self.assertEqual(ticket.state, "void")
        self.assertEqual(ticket._refusal_reason(), "void")
        self.assertFalse(self._ticket(refund), "a refund has no ticket of its own")

    def test_expiry_hours_and_end_of_session(self):
        self.main_pos_config.write({"qr_ticket_expiry": "hours", "qr_ticket_expiry_hours": 2})
        order, _data = self._sell([(self.beer, 1)])
        ticket = self._ticket(order)
        self.assertFalse(ticket._is_expired())
        self.assertTrue(ticket._is_expired(now=fields.Datetime.now() + timedelta(hours=3)))
        ticket.sudo().expires_at = fields.Datetime.now() - timedelta(minutes=1)
        self.assertEqual(ticket._refusal_reason(), "expired")

        self.main_pos_config.qr_ticket_expiry = "session"
        order, _data = self._sell([(self.beer, 1)])
        ticket = self._ticket(order)
        self.assertFalse(ticket._is_expired())
        ticket.session_id.state = "closing_control"
        self.assertEqual(ticket._refusal_reason(), "expired")

    def test_entry_ticket_is_single_use(self):
        self.main_pos_config.write({"qr_ticket_type": "entry", "qr_ticket_expiry": "never"})
        order, _data = self._sell([(self.beer, 1)])
        ticket = self._ticket(order)
        self.assertTrue(ticket.event_date)
        self.assertFalse(ticket.action_consume())
        self.assertEqual(ticket.state, "delivered")
        self.assertEqual(ticket.action_consume(), "delivered", "second entry with the same QR is refused")
        ticket.sudo().event_date = fields.Date.today() - timedelta(days=1)
        self.assertFalse(ticket._is_expired(), "the night runs into the next day")
        ticket.sudo().event_date = fields.Date.today() - timedelta(days=2)
        self.assertTrue(ticket._is_expired())

    def test_coat_check_hangers_lowest_free_number(self):
        self.main_pos_config.write({"qr_ticket_type": "coat_check", "qr_ticket_expiry": "never", "qr_coat_hangers": 2})
        first, second = (self._ticket(self._sell([(self.beer, 1)])[0]) for _i in range(2))
        self.assertEqual((first.hanger_number, second.hanger_number), (1, 2))
        self.assertEqual(first.order_id.qr_ticket_hanger, 1, "printed on the receipt")
        self.assertEqual(first._public_data()["hanger"], 1, "shown when the ticket is scanned")
        with self.assertLogs("odoo.addons.pos_tickets_qr.models.pos_ticket", "WARNING"):
            full = self._ticket(self._sell([(self.beer, 1)])[0])
        self.assertEqual(full.hanger_number, 0, "every hanger in use: the sale goes through without one")
        self.assertIn("no hanger number", full.message_ids[:1].body)
        self.assertFalse(first.action_consume(), "the items are returned")
        self.assertEqual(self._ticket(self._sell([(self.beer, 1)])[0]).hanger_number, 1, "hanger 1 is free again")
        second.action_void("refund")
        self.assertEqual(self._ticket(self._sell([(self.beer, 1)])[0]).hanger_number, 2)

    def test_no_hanger_without_hangers_or_for_other_types(self):
        self.main_pos_config.write({"qr_ticket_type": "coat_check", "qr_coat_hangers": 0})
        self.assertEqual(self._ticket(self._sell([(self.beer, 1)])[0]).hanger_number, 0)
        self.main_pos_config.write({"qr_ticket_type": "delivery", "qr_coat_hangers": 5})
        ticket = self._ticket(self._sell([(self.beer, 1)])[0])
        self.assertEqual((ticket.hanger_number, ticket._public_data()["hanger"]), (0, False))

    def test_secret_is_not_readable_by_cashiers(self):
        self._sell([(self.beer, 1)])
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.pos_user).get_param("pos_tickets_qr.signing_secret")
        self.assertTrue(self.env["ir.config_parameter"].sudo().get_param("pos_tickets_qr.signing_secret"))

    def test_cashier_cannot_alter_tickets(self):
        order, _data = self._sell([(self.beer, 1)])
        ticket = self._ticket(order).with_user(self.pos_user)
        self.assertEqual(ticket.code, order.qr_ticket_code)
        with self.assertRaises(AccessError):
            ticket.line_ids.write({"qty_delivered": 1})
        with self.assertRaises(AccessError):
            ticket.write({"state": "delivered"})
