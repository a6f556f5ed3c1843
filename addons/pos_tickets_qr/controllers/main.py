from odoo import http
from odoo.http import request


class PosTicketController(http.Controller):
    @http.route("/pos_tickets_qr/scan", type="jsonrpc", auth="user", methods=["POST"])
    def scan(self, payload=None, consume=False):
        """Check a scanned QR: signature, venue, state, expiry. Read-only unless ``consume``
        (entry / coat check), which is itself idempotent: a second call answers "delivered"."""
        Ticket = request.env["pos.ticket"]
        ticket, reason = Ticket._find_by_payload(payload)
        if not reason and consume:
            reason = ticket.action_consume()
            if not reason:
                return {"status": "ok", "consumed": True, "ticket": ticket._public_data()}
        return {
            "status": reason or "ok",
            "message": Ticket._reason_message(reason),
            "ticket": ticket._public_data() if ticket else False,
        }
