from datetime import timedelta

from odoo import fields
from odoo.addons.pos_tickets_qr.lib import payload as qr_payload
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import BarDeliveryCommon


@tagged("post_install", "-at_install")
class TestBarDelivery(BarDeliveryCommon):
    def setUp(self):
        super().setUp()
        self.log_watermark = self.env["bar.delivery.log"].sudo().search([], order="id desc", limit=1).id or 0
        self.authenticate("bar_tablet", "bar_tablet")

    def _logs(self, ticket=None):
        """The log rows written by this test (the database may hold others, committed before)."""
        domain = [("id", ">", self.log_watermark)] + ([("ticket_id", "=", ticket.id)] if ticket else [])
        return self.env["bar.delivery.log"].sudo().search(domain, order="id")

    def test_partial_then_full_then_rescan_refused(self):
        order, _data = self._sell([(self.beer, 2), (self.mojito, 1)])
        ticket = self._ticket(order)
        beer = self._line(ticket, self.beer)
        scan = self._call("scan", ticket.payload)
        self.assertEqual(scan["status"], "ok")
        self.assertTrue(all(line["served_here"] for line in scan["ticket"]["lines"]))

        res = self._call("deliver", ticket.payload, quantities={str(beer.id): 1})
        self.assertEqual(res["status"], "ok")
        self.assertEqual(res["ticket"]["state"], "partial")
        self.assertEqual((beer.qty_delivered, ticket.state), (1, "partial"))

        res = self._call("deliver", ticket.payload, employee=self.luis, quantities=None)
        self.assertEqual(res["status"], "ok")
        self.assertEqual(ticket.state, "delivered")
        self.assertEqual(ticket.line_ids.mapped("qty_remaining"), [0, 0])

        res = self._call("scan", ticket.payload)
        self.assertEqual(res["status"], "delivered")
        self.assertEqual(res["message"], "This ticket was already delivered.")
        res = self._call("deliver", ticket.payload, quantities={str(beer.id): 1})
        self.assertEqual(res["status"], "delivered")
        self.assertEqual(beer.qty_delivered, 2)

        logs = self._logs(ticket)
        self.assertEqual(
            [(log.action, log.reason, log.employee_name) for log in logs],
            [
                ("scan", "ok", "Ana QR"),
                ("deliver", "ok", "Ana QR"),
                ("deliver", "ok", "Luis QR"),
                ("scan", "delivered", "Ana QR"),
                ("deliver", "delivered", "Ana QR"),
            ],
        )
        self.assertEqual(logs[1].detail, "1 x QR Beer")
        self.assertEqual(logs[2].qty_delivered, 2)
        self.assertEqual(logs[1].station_id, self.station)
        self.assertEqual(logs[1].session_id, order.session_id)
        self.assertTrue(logs[1].ip_address)

    def test_door_station_admits_an_entry_ticket_once(self):
        self.main_pos_config.write({"qr_ticket_type": "entry", "qr_ticket_expiry": "never"})
        ticket = self._ticket(self._sell([(self.beer, 2)])[0])  # two people on one entry ticket
        door_vals = {
            "name": "Puerta",
            "company_id": self.main_pos_config.company_id.id,
            "pos_categ_ids": [(6, 0, self.categ_drinks.ids)],
            "employee_ids": [(6, 0, self.luis.ids)],
        }
        door = self.env["bar.station"].sudo().create(door_vals)
        scan = self._call("scan", ticket.payload, station=door, employee=self.luis)
        self.assertEqual((scan["status"], scan["ticket"]["type"]), ("ok", "entry"))
        res = self._call("deliver", ticket.payload, station=door, employee=self.luis, quantities=None)
        self.assertEqual((res["status"], ticket.state), ("ok", "delivered"))
        again = self._call("scan", ticket.payload, station=door, employee=self.luis)
        self.assertEqual(again["status"], "delivered", "the same QR does not let anyone in twice")

    def test_over_quantity_and_wrong_station_change_nothing(self):
        order, _data = self._sell([(self.beer, 2), (self.mojito, 1)])
        ticket = self._ticket(order)
        beer, mojito = self._line(ticket, self.beer), self._line(ticket, self.mojito)
        res = self._call("deliver", ticket.payload, quantities={str(beer.id): 3})
        self.assertEqual(res["status"], "over_quantity")
        res = self._call("deliver", ticket.payload, station=self.beer_station, quantities={str(mojito.id): 1})
        self.assertEqual(res["status"], "wrong_station")
        res = self._call("deliver", ticket.payload, quantities={str(beer.id): 0})
        self.assertEqual(res["status"], "nothing")
        res = self._call("deliver", ticket.payload, quantities={"999999999": 1})
        self.assertEqual(res["status"], "nothing")
        self.assertEqual(ticket.line_ids.mapped("qty_delivered"), [0, 0])
        self.assertEqual(ticket.state, "open")
        # "deliver all" at the beer corner hands over only the beers
        res = self._call("deliver", ticket.payload, station=self.beer_station, employee=self.luis)
        self.assertEqual(res["status"], "ok")
        self.assertEqual((beer.qty_remaining, mojito.qty_remaining, ticket.state), (0, 1, "partial"))

    def test_bad_input_is_refused_logged_and_changes_nothing(self):
        order, _data = self._sell([(self.beer, 1)])
        ticket = self._ticket(order)
        secret = self.env["pos.ticket"]._get_signing_secret()
        tampered = ticket.payload.replace(f"PTQ1.{order.company_id.id}.", f"PTQ1.{order.company_id.id + 1}.")
        cases = [
            ("", "malformed"),
            ("<script>alert(1)</script>", "malformed"),
            (ticket.payload[:-5], "malformed"),
            (tampered, "forged"),
            (qr_payload.sign("wrong key", order.company_id.id, ticket.token), "forged"),
            (qr_payload.sign(secret, order.company_id.id, qr_payload.new_token()), "unknown"),
        ]
        for payload, status in cases:
            for route in ("scan", "deliver"):
                res = self._call(route, payload)
                self.assertEqual(res["status"], status, (route, payload))
                self.assertTrue(res["message"])
                self.assertNotIn("ticket", res)
        logs = self._logs()
        self.assertEqual(len(logs), 12)
        self.assertEqual(set(logs.mapped("result")), {"refused"})
        self.assertIn(
            "<script>alert(1)</script>", logs.filtered(lambda log: log.reason == "malformed").mapped("payload_excerpt")
        )
        self.assertEqual((ticket.line_ids.qty_delivered, ticket.state), (0, "open"))

    def test_messages_are_in_spanish_for_a_spanish_device(self):
        self.bartender_user.sudo().lang = "es_MX"
        self.authenticate("bar_tablet", "bar_tablet")
        res = self._call("scan", "not a ticket")
        self.assertEqual(res["message"], "Este código QR no es un ticket de este lugar.")
        order, _data = self._sell([(self.beer, 1)])
        payload = self._ticket(order).payload
        self.assertEqual(self._call("deliver", payload)["message"], "Entregado.")
        res = self._call("scan", payload)
        self.assertEqual((res["message"], res["ticket"]["state_label"]), ("Este ticket ya fue entregado.", "Entregado"))

    def test_void_expired_other_venue(self):
        order, _data = self._sell([(self.beer, 1)])
        ticket = self._ticket(order)
        ticket.sudo().expires_at = fields.Datetime.now() - timedelta(minutes=5)
        ticket.sudo().expiry_mode = "hours"
        self.assertEqual(self._call("deliver", ticket.payload)["status"], "expired")
        ticket.action_void("refund")
        self.assertEqual(self._call("scan", ticket.payload)["status"], "void")
        self.assertEqual(self._call("deliver", ticket.payload)["status"], "void")
        # a genuine ticket (same database secret) of the sister venue
        other = self.env["res.company"].sudo().create({"name": "Other venue"})
        secret = self.env["pos.ticket"]._get_signing_secret()
        foreign = qr_payload.sign(secret, other.id, qr_payload.new_token())
        self.assertEqual(self._call("scan", foreign)["status"], "other_venue")
        self.assertEqual(self._call("deliver", foreign)["status"], "other_venue")
        self.assertEqual(self._logs()[-1].reason, "other_venue")

    def test_rapid_repeated_scans(self):
        self.env["ir.config_parameter"].sudo().set_param("bar_delivery.rapid_scan_limit", "3")
        order, _data = self._sell([(self.beer, 1)])
        ticket = self._ticket(order)
        statuses = [self._call("scan", ticket.payload)["status"] for _i in range(4)]
        self.assertEqual(statuses, ["ok", "ok", "ok", "rapid_repeat"])
        self.assertEqual(self._logs(ticket)[-1].reason, "rapid_repeat")

    def test_wrong_pin_is_refused_and_logged(self):
        order, _data = self._sell([(self.beer, 1)])
        ticket = self._ticket(order)
        res = self._call("deliver", ticket.payload, pin="0000")
        self.assertEqual(res["status"], "bad_pin")
        outsider = self.env["hr.employee"].sudo().create({"name": "Not a bartender", "pin": "4321"})
        self.assertEqual(self._call("scan", ticket.payload, employee=outsider)["status"], "bad_pin")
        login = self._jsonrpc(
            "/bar_delivery/login", {"station_id": self.station.id, "employee_id": self.ana.id, "pin": "1234"}
        )["result"]
        self.assertEqual(login["employee"]["name"], "Ana QR")
        self.assertEqual(self._logs().mapped("reason"), ["bad_pin", "bad_pin"])
        self.assertEqual(ticket.state, "open")

    def test_log_is_immutable(self):
        order, _data = self._sell([(self.beer, 1)])
        self._call("scan", self._ticket(order).payload)
        log = self._logs()
        self.assertTrue(log)
        with self.assertRaises(UserError):
            log.write({"reason": "ok"})
        with self.assertRaises(UserError):
            log.unlink()
        self.assertFalse(log.with_user(self.bartender_user).has_access("unlink"))

    def test_bartender_sees_no_cash_data(self):
        order, _data = self._sell([(self.beer, 1)])
        ticket = self._ticket(order)
        env = self.env(user=self.bartender_user)
        self.assertEqual(env["pos.ticket"].browse(ticket.id).code, ticket.code)
        for model, record in (
            ("pos.payment", order.payment_ids),
            ("pos.session", order.session_id),
            ("pos.order", order),
        ):
            with self.assertRaises(AccessError, msg=model):
                env[model].browse(record.ids).read(["id"])
        with self.assertRaises(AccessError):
            env["pos.ticket.line"].browse(ticket.line_ids.ids).write({"qty_delivered": 1})
        with self.assertRaises(AccessError):
            env["hr.employee"].browse(self.ana.id).read(["pin"])

    def test_station_of_another_company_is_refused(self):
        order, _data = self._sell([(self.beer, 1)])
        other = self.env["res.company"].sudo().create({"name": "Other venue"})
        other_station = self.env["bar.station"].sudo().create({"name": "Their bar", "company_id": other.id})
        self.assertFalse(self.env["bar.station"].with_user(self.bartender_user).search([("id", "=", other_station.id)]))
        with mute_logger("odoo.http"):
            res = self._jsonrpc(
                "/bar_delivery/deliver",
                {"payload": self._ticket(order).payload, "station_id": other_station.id,
                 "employee_id": self.ana.id, "pin": "1234"},
            )  # fmt: skip
        self.assertEqual(res["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self._ticket(order).state, "open")
        stations = self._jsonrpc("/bar_delivery/bootstrap", {})["result"]["stations"]
        self.assertEqual({s["name"] for s in stations}, {"Main bar", "Beer corner"})
        self.assertEqual({key for s in stations for b in s["bartenders"] for key in b}, {"id", "name"}, "never PINs")

    def test_user_without_group_is_refused(self):
        order, _data = self._sell([(self.beer, 1)])
        self.authenticate("pos_user", "pos_user")
        with mute_logger("odoo.http"):
            res = self._jsonrpc(
                "/bar_delivery/scan",
                {"payload": self._ticket(order).payload, "station_id": self.station.id,
                 "employee_id": self.ana.id, "pin": "1234"},
            )  # fmt: skip
        self.assertEqual(res["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertFalse(self._logs())
