from odoo import fields, models


class PosCategory(models.Model):
    _inherit = "pos.category"

    qr_ticket_skip = fields.Boolean(
        string="No QR ticket",
        help="Products of this category are not put on QR tickets (e.g. snacks served at the counter).",
    )
