from odoo import api, fields, models


class PosConfig(models.Model):
    _inherit = "pos.config"

    qr_ticket_enabled = fields.Boolean(string="QR tickets", help="Every paid order gets a signed QR ticket.")
    qr_ticket_type = fields.Selection(
        [("delivery", "Bar delivery"), ("entry", "Entry"), ("coat_check", "Coat check")],
        string="Ticket type",
        default="delivery",
        required=True,
    )
    qr_ticket_prefix = fields.Char(string="Ticket prefix", default="BAR", size=8)
    qr_ticket_expiry = fields.Selection(
        [("session", "End of session"), ("hours", "After some hours"), ("never", "Never")],
        string="Ticket expiry",
        default="session",
        required=True,
    )
    qr_ticket_expiry_hours = fields.Integer(string="Ticket validity (hours)", default=6)
    qr_coat_hangers = fields.Integer(
        string="Coat check hangers",
        help="Coat check: how many numbered hangers there are. Each ticket gets the lowest free number,"
        " free again once the items are returned. 0: tickets without hanger number.",
    )

    _qr_ticket_expiry_hours_positive = models.Constraint(
        "CHECK(qr_ticket_expiry_hours > 0)",
        "The ticket validity must be at least one hour.",
    )
    _qr_coat_hangers_positive = models.Constraint(
        "CHECK(qr_coat_hangers >= 0)",
        "The number of hangers cannot be negative.",
    )

    @api.model
    def _load_pos_data_fields(self, config):
        fields_list = super()._load_pos_data_fields(config)
        return fields_list and [*fields_list, "qr_ticket_enabled", "qr_ticket_type"]
