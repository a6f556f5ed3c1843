from odoo import fields, models
from odoo.exceptions import UserError

REASONS = [
    ("ok", "OK"),
    ("malformed", "Malformed QR"),
    ("forged", "Forged signature"),
    ("unknown", "Unknown ticket"),
    ("other_venue", "Other venue"),
    ("void", "Void ticket"),
    ("expired", "Expired ticket"),
    ("delivered", "Already delivered"),
    ("rapid_repeat", "Rapid repeated scans"),
    ("over_quantity", "More than remaining"),
    ("wrong_station", "Not served at this station"),
    ("nothing", "Nothing selected"),
    ("bad_pin", "Wrong bartender or PIN"),
]


class BarDeliveryLog(models.Model):
    """Append-only audit trail of every scan and delivery attempt at the bar."""

    _name = "bar.delivery.log"
    _description = "Bar delivery log"
    _order = "id desc"
    _rec_name = "ticket_code"

    action = fields.Selection([("scan", "Scan"), ("deliver", "Delivery")], required=True, readonly=True)
    result = fields.Selection([("accepted", "Accepted"), ("refused", "Refused")], required=True, readonly=True)
    reason = fields.Selection(REASONS, required=True, readonly=True, index=True)
    ticket_id = fields.Many2one("pos.ticket", readonly=True, index=True, ondelete="restrict")
    ticket_code = fields.Char(readonly=True)
    session_id = fields.Many2one("pos.session", string="Night (session)", readonly=True, index=True)
    employee_id = fields.Many2one("hr.employee", string="Bartender", readonly=True, index=True)
    employee_name = fields.Char(string="Bartender name", readonly=True)
    station_id = fields.Many2one("bar.station", readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="Device user", readonly=True, default=lambda s: s.env.user)
    qty_delivered = fields.Float(string="Delivered qty", digits="Product Unit", readonly=True)
    detail = fields.Text(string="What", readonly=True)
    payload_excerpt = fields.Char(string="Scanned text", readonly=True, help="First characters of a refused QR.")
    ip_address = fields.Char(string="IP address", readonly=True)
    user_agent = fields.Char(string="Device", readonly=True)

    def write(self, vals):
        if self:
            raise UserError(self.env._("The delivery log cannot be modified."))
        return super().write(vals)

    def unlink(self):
        if self:
            raise UserError(self.env._("The delivery log cannot be deleted."))
        return super().unlink()
