from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_escpos_proxy = fields.Boolean(related="pos_config_id.escpos_proxy", readonly=False)
