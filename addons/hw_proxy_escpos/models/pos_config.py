from odoo import fields, models


class PosConfig(models.Model):
    _inherit = "pos.config"

    escpos_proxy = fields.Boolean(
        string="ESC/POS Proxy",
        help="The hardware proxy of this POS (IoT Box address) is an ESC/POS proxy of this suite: "
        "receipts show queue and paper status, and errors come with the proxy's explanation.",
    )
