import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import float_compare, float_is_zero

_logger = logging.getLogger(__name__)

PRECISION = 0.0001


class PosTicket(models.Model):
    _inherit = "pos.ticket"

    delivery_log_ids = fields.One2many("bar.delivery.log", "ticket_id", string="Bar log", readonly=True)

    # ------------------------------------------------------------------ helpers
    @api.model
    def _bar_messages(self):
        return {
            "ok": self.env._("Valid ticket."),
            "rapid_repeat": self.env._("This ticket is being scanned again and again: call the manager."),
            "over_quantity": self.env._("Someone already delivered part of this: check the remaining quantities."),
            "wrong_station": self.env._("This product is not served at this bar."),
            "nothing": self.env._("Select at least one product to deliver."),
            "bad_pin": self.env._("Wrong bartender or PIN."),
            "delivered_now": self.env._("Delivered."),
        }

    @api.model
    def _bar_message(self, reason):
        return self._bar_messages().get(reason) or self._reason_message(reason)

    @api.model
    def _bar_log(self, action, reason, ticket, station, employee, client, **extra):
        vals = {
            "action": action,
            "result": "accepted" if reason == "ok" else "refused",
            "reason": reason,
            "ticket_id": ticket.id,
            "ticket_code": ticket.code,
            "session_id": ticket.session_id.id,
            "employee_id": employee.id,
            "employee_name": employee.name,
            "station_id": station.id,
            "company_id": (ticket.company_id or station.company_id or self.env.company).id,
            "ip_address": (client or {}).get("ip"),
            "user_agent": ((client or {}).get("user_agent") or "")[:250],
            "user_id": self.env.uid,  # explicit: the field default would read the whole user record
            **extra,
        }
        if reason != "ok":
            _logger.info("Bar %s refused (%s) ticket=%s station=%s", action, reason, ticket.code, station.id)
        # with_company: the log's own (allowed) company, so that the defaults do not read the user's record
        return self.env["bar.delivery.log"].with_company(vals["company_id"]).create(vals)

    def _bar_rapid_repeat(self):
        self.ensure_one()
        params = self.env["ir.config_parameter"].sudo()  # sudo: plain tuning parameters, read-only here
        limit = int(params.get_param("bar_delivery.rapid_scan_limit", 5))
        seconds = int(params.get_param("bar_delivery.rapid_scan_seconds", 10))
        since = fields.Datetime.now() - timedelta(seconds=seconds)
        recent = self.env["bar.delivery.log"].search_count(
            [("ticket_id", "=", self.id), ("action", "=", "scan"), ("create_date", ">=", since)]
        )
        return recent >= limit

    def _bar_result(self, reason, station, **extra):
        data = {"status": reason, "message": self._bar_message(reason), **extra}
        if self:
            data["ticket"] = self._public_data()
            for line in data["ticket"]["lines"]:
                line["served_here"] = station._serves(self.line_ids.browse(line["id"]))
        return data

    # ------------------------------------------------------------------ scan
    @api.model
    def _bar_scan(self, payload, station, employee, client=None):
        """Check a QR at the bar. Read-only except for the audit log; safe to repeat."""
        ticket, reason = self._find_by_payload(payload)
        if ticket and station.company_id != ticket.company_id:
            reason = "other_venue"
        if not reason and ticket._bar_rapid_repeat():
            reason = "rapid_repeat"
        excerpt = False if ticket else str(payload or "")[:40]
        self._bar_log("scan", reason or "ok", ticket, station, employee, client, payload_excerpt=excerpt)
        return ticket._bar_result(reason or "ok", station)

    # ------------------------------------------------------------------ delivery
    @api.model
    def _bar_deliver(self, payload, station, employee, quantities=None, client=None):
        """Deliver ``quantities`` ({line_id: qty}; None = everything served at this station).

        The ticket and its lines are locked (SELECT ... FOR UPDATE) before quantities are
        read, so two bartenders delivering the same ticket at once are serialised and the
        second one sees what the first delivered: never more than ordered.
        """
        ticket, reason = self._find_by_payload(payload)
        if ticket and station.company_id != ticket.company_id:
            reason = "other_venue"
        if reason:
            excerpt = False if ticket else str(payload or "")[:40]
            self._bar_log("deliver", reason, ticket, station, employee, client, payload_excerpt=excerpt)
            return ticket._bar_result(reason, station)
        ticket._bar_lock()
        reason = ticket._refusal_reason()
        todo = {}
        if not reason:
            todo, reason = ticket._bar_plan(station, quantities)
        if reason:
            self._bar_log("deliver", reason, ticket, station, employee, client)
            return ticket._bar_result(reason, station)
        detail = []
        # sudo: bartenders only read tickets; quantities move through this checked, locked path.
        for line, qty in todo.items():
            line.sudo().qty_delivered = line.qty_delivered + qty
            detail.append(f"{qty:g} x {line.product_name or line.product_id.display_name}")
        ticket._recompute_state()
        self._bar_log(
            "deliver", "ok", ticket, station, employee, client,
            qty_delivered=sum(todo.values()), detail="\n".join(detail),
        )  # fmt: skip
        return ticket._bar_result("ok", station, message=self._bar_message("delivered_now"))

    def _bar_lock(self):
        self.ensure_one()
        # A transaction that waited here for another one's delivery is cancelled by PostgreSQL
        # (serialization failure, repeatable read) and retried by Odoo's request layer, which then
        # sees the delivery: an expected event, not an error to log.
        cr = self.env.cr
        cr.execute("SELECT id FROM pos_ticket WHERE id = %s FOR UPDATE", [self.id], log_exceptions=False)
        lines_query = "SELECT id FROM pos_ticket_line WHERE ticket_id = %s ORDER BY id FOR UPDATE"
        cr.execute(lines_query, [self.id], log_exceptions=False)
        # Another transaction may have delivered while we waited for the lock: re-read.
        self.invalidate_recordset(["state"])
        self.line_ids.invalidate_recordset(["qty_delivered", "qty_remaining"])
        # re-read only these (a plain field access would re-fetch every column of the ticket)
        self.fetch(["state"])
        self.line_ids.fetch(["qty_ordered", "qty_delivered", "qty_remaining", "product_id", "product_name"])

    def _bar_plan(self, station, quantities):
        """Validate the requested quantities. Returns ({line: qty}, refusal reason or False)."""
        self.ensure_one()
        lines = self.line_ids
        if quantities is None:
            todo = {line: line.qty_remaining for line in lines if station._serves(line) and line.qty_remaining > 0}
            return todo, (False if todo else "nothing")
        todo = {}
        for line_id, qty in quantities.items():
            line = lines.filtered(lambda line, lid=int(line_id): line.id == lid)
            qty = float(qty or 0)
            if not line or qty < 0:
                return {}, "nothing"
            if float_is_zero(qty, precision_rounding=PRECISION):
                continue
            if not station._serves(line):
                return {}, "wrong_station"
            if float_compare(qty, line.qty_remaining, precision_rounding=PRECISION) > 0:
                return {}, "over_quantity"
            todo[line] = qty
        return todo, (False if todo else "nothing")
