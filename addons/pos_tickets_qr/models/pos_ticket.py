import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero

from ..lib import payload as qr_payload

_logger = logging.getLogger(__name__)

SECRET_PARAM = "pos_tickets_qr.signing_secret"


class PosTicket(models.Model):
    _name = "pos.ticket"
    _description = "QR ticket"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _rec_name = "code"

    code = fields.Char(required=True, readonly=True, copy=False, index="trigram")
    token = fields.Char(required=True, readonly=True, copy=False, groups="pos_tickets_qr.group_pos_tickets_qr_user")
    payload = fields.Char(readonly=True, copy=False, groups="pos_tickets_qr.group_pos_tickets_qr_user")
    ticket_type = fields.Selection(
        [("delivery", "Bar delivery"), ("entry", "Entry"), ("coat_check", "Coat check")],
        string="Type",
        required=True,
        readonly=True,
        default="delivery",
    )
    state = fields.Selection(
        [("open", "Open"), ("partial", "Partially delivered"), ("delivered", "Delivered"), ("void", "Void")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    order_id = fields.Many2one("pos.order", required=True, readonly=True, ondelete="restrict")
    session_id = fields.Many2one(related="order_id.session_id", store=True)
    # related fields are read as superuser: scanning users need no access to POS orders/sessions
    session_state = fields.Selection(related="session_id.state")
    # stored: shown on every scan, a related read would fetch the whole POS order row each time
    order_reference = fields.Char(related="order_id.pos_reference", store=True)
    config_id = fields.Many2one(related="order_id.config_id", store=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    line_ids = fields.One2many("pos.ticket.line", "ticket_id", readonly=True)
    expiry_mode = fields.Selection(
        [("session", "End of session"), ("hours", "After some hours"), ("never", "Never")],
        required=True,
        readonly=True,
        default="never",
    )
    expires_at = fields.Datetime(readonly=True)
    event_date = fields.Date(readonly=True, help="Entry tickets are valid on this date only.")
    void_reason = fields.Char(readonly=True)
    hanger_number = fields.Integer(
        string="Hanger", readonly=True, help="Coat check: the hanger holding the customer's items."
    )

    # fields read when a ticket is scanned (checks + _public_data)
    _SCAN_FIELDS = (
        "code", "ticket_type", "state", "session_id", "order_reference", "company_id",
        "expiry_mode", "expires_at", "event_date", "hanger_number",
    )  # fmt: skip

    _order_unique = models.Constraint("UNIQUE(order_id)", "An order has only one QR ticket.")
    _token_unique = models.Constraint("UNIQUE(token)", "Ticket tokens are unique.")
    # a hanger holds the items of one coat check ticket at a time (a returned ticket frees it)
    _hanger_unique = models.UniqueIndex(
        "(config_id, hanger_number) WHERE hanger_number > 0 AND state IN ('open', 'partial')",
        "This hanger is already in use.",
    )

    # ------------------------------------------------------------------ creation
    @api.model
    def _get_signing_secret(self):
        # sudo: the secret lives in ir.config_parameter, readable by system admins only;
        # cashiers and bartenders must be able to sign/verify without ever reading it.
        params = self.env["ir.config_parameter"].sudo()
        secret = params.get_param(SECRET_PARAM)
        if not secret:
            secret = qr_payload.new_secret()
            params.set_param(SECRET_PARAM, secret)
        return secret

    @api.model
    def _ticket_lines_vals(self, order):
        vals = []
        for line in order.lines:
            product = line.product_id
            if line.qty <= 0 or line.combo_line_ids or product.type == "combo":
                continue
            categs = product.pos_categ_ids
            if categs and all(categs.mapped("qr_ticket_skip")):
                continue
            vals.append(
                {
                    "order_line_id": line.id,
                    "product_id": product.id,
                    "product_name": product.display_name,
                    "qty_ordered": line.qty,
                }
            )
        return vals

    @api.model
    def _create_for_order(self, order):
        if self.sudo().search_count([("order_id", "=", order.id)]):
            return self.browse()
        line_vals = self._ticket_lines_vals(order)
        config = order.config_id
        if not line_vals and config.qr_ticket_type == "delivery":
            return self.browse()
        token = qr_payload.new_token()
        company = order.company_id
        number = self.env["ir.sequence"].sudo().next_by_code("pos.ticket") or str(order.id)
        hanger = self._next_free_hanger(config) if config.qr_ticket_type == "coat_check" else 0
        expires_at = False
        if config.qr_ticket_expiry == "hours":
            expires_at = fields.Datetime.now() + timedelta(hours=config.qr_ticket_expiry_hours)
        # sudo: the cashier creates the ticket while syncing the order; she has no
        # right on tickets herself (they are only created through this path).
        ticket = (
            self.sudo()
            .with_company(company)
            .create(
                {
                    "code": f"{config.qr_ticket_prefix or 'TKT'} {number}",
                    "token": token,
                    "payload": qr_payload.sign(self._get_signing_secret(), company.id, token),
                    "ticket_type": config.qr_ticket_type,
                    "order_id": order.id,
                    "company_id": company.id,
                    "expiry_mode": config.qr_ticket_expiry,
                    "expires_at": expires_at,
                    "event_date": fields.Date.context_today(self) if config.qr_ticket_type == "entry" else False,
                    "hanger_number": hanger,
                    "line_ids": [fields.Command.create(v) for v in line_vals],
                }
            )
        )
        order.sudo().write(
            {"qr_ticket_code": ticket.code, "qr_ticket_payload": ticket.payload, "qr_ticket_hanger": hanger}
        )
        if config.qr_ticket_type == "coat_check" and config.qr_coat_hangers and not hanger:
            _logger.warning("Coat check of POS %s full: ticket %s has no hanger", config.id, ticket.code)
            ticket.sudo().message_post(body=self.env._("Every hanger was in use: this ticket has no hanger number."))
        return ticket

    @api.model
    def _next_free_hanger(self, config):
        """The lowest hanger of the POS not holding an open coat check ticket; 0 when all are in use."""
        if not config.qr_coat_hangers:
            return 0
        # two syncs of this POS must not pick the same hanger: Odoo's POS order sequence already makes
        # the second one retry, this lock does not rely on it (and the unique index is the last guard)
        self.env.cr.execute("SELECT 1 FROM pos_config WHERE id = %s FOR UPDATE", [config.id])
        self.flush_model(["config_id", "hanger_number", "state"])
        self.env.cr.execute(
            """
            SELECT min(n) FROM generate_series(1, %s) n
             WHERE NOT EXISTS (SELECT 1 FROM pos_ticket t
                                WHERE t.config_id = %s AND t.hanger_number = n AND t.state IN ('open', 'partial'))
            """,
            [config.qr_coat_hangers, config.id],
        )
        return self.env.cr.fetchone()[0] or 0

    # ------------------------------------------------------------------ state
    def action_void(self, reason=None):
        to_void = self.filtered(lambda t: t.state != "void")
        to_void.sudo().write({"state": "void", "void_reason": reason or self.env._("Voided")})
        for ticket in to_void:
            ticket.sudo().message_post(body=reason or self.env._("Voided"))
        return True

    def _recompute_state(self):
        for ticket in self.filtered(lambda t: t.state != "void"):
            rounding = 0.0001
            if all(float_is_zero(line.qty_remaining, precision_rounding=rounding) for line in ticket.line_ids):
                state = "delivered"
            elif any(line.qty_delivered > 0 for line in ticket.line_ids):
                state = "partial"
            else:
                state = "open"
            if state != ticket.state:
                ticket.sudo().state = state

    def _is_expired(self, now=None):
        self.ensure_one()
        now = now or fields.Datetime.now()
        if self.expiry_mode == "session":
            return self.session_state in ("closing_control", "closed")
        if self.expiry_mode == "hours":
            return bool(self.expires_at) and self.expires_at < now
        if self.ticket_type == "entry" and self.event_date:
            # valid on the event night, which runs into the early hours of the next day
            return now.date() > self.event_date + timedelta(days=1)
        return False

    # ------------------------------------------------------------------ scan
    @api.model
    def _find_by_payload(self, payload_text):
        """Verify a scanned payload. Returns ``(ticket, reason)``; reason is False when valid.

        Reasons: malformed, forged, other_venue, unknown, void, expired, delivered.
        """
        try:
            company_id, token = qr_payload.verify(self._get_signing_secret(), payload_text)
        except qr_payload.PayloadError as err:
            _logger.info("QR ticket refused (%s): %s", err.reason, err)
            return self.browse(), err.reason
        if company_id not in self.env.companies.ids:
            return self.browse(), "other_venue"
        # sudo: the token was just authenticated by its HMAC signature; the lookup must
        # work for scanning users that cannot search tokens (field restricted to ticket users).
        # search_fetch: one query on the unique token index that also reads what the checks and the
        # answer need (no second full-row fetch).
        ticket = self.sudo().search_fetch(
            [("token", "=", token), ("company_id", "=", company_id)], self._SCAN_FIELDS, limit=1
        )
        if not ticket:
            return self.browse(), "unknown"
        ticket = ticket.sudo(False)
        return ticket, ticket._refusal_reason()

    def _refusal_reason(self):
        self.ensure_one()
        if self.state == "void":
            return "void"
        if self.state == "delivered":
            return "delivered"
        if self._is_expired():
            return "expired"
        return False

    @api.model
    def _reason_message(self, reason):
        messages = {
            False: self.env._("Valid ticket."),
            "malformed": self.env._("This QR code is not a ticket of this venue."),
            "forged": self.env._("Forged or altered ticket: the signature does not match."),
            "other_venue": self.env._("This ticket belongs to another venue."),
            "unknown": self.env._("Unknown ticket."),
            "void": self.env._("This ticket was voided (order refunded or cancelled)."),
            "expired": self.env._("This ticket has expired."),
            "delivered": self.env._("This ticket was already delivered."),
        }
        return messages.get(reason, self.env._("Ticket refused."))

    def _public_data(self):
        self.ensure_one()
        self.company_id.fetch(["name"])  # not the whole (wide) company row
        return {
            "id": self.id,
            "code": self.code,
            "type": self.ticket_type,
            "state": self.state,
            "state_label": dict(self._fields["state"]._description_selection(self.env))[self.state],
            "order": self.order_reference,
            "company": self.company_id.name,
            "expires_at": fields.Datetime.to_string(self.expires_at) if self.expires_at else False,
            "hanger": self.hanger_number or False,
            "lines": self.line_ids._public_data(),
        }

    def action_consume(self):
        """Single-use tickets (entry, coat check return): idempotent, locked."""
        self.ensure_one()
        if self.ticket_type == "delivery":
            raise UserError(self.env._("Bar tickets are delivered line by line at the bar."))
        # log_exceptions=False: a concurrent consumption makes this a serialization failure that
        # Odoo retries (the retry answers "delivered"), not an error.
        self.env.cr.execute("SELECT id FROM pos_ticket WHERE id = %s FOR UPDATE", [self.id], log_exceptions=False)
        self.invalidate_recordset(["state"])
        reason = self._refusal_reason()
        if reason:
            return reason
        for line in self.line_ids.sudo():
            line.qty_delivered = line.qty_ordered
        # sudo: state is readonly for users; it only moves through this locked path.
        self.sudo().state = "delivered"
        return False
