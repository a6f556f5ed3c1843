from odoo import api, models


class PosSession(models.Model):
    _inherit = "pos.session"

    @api.model
    def _load_pos_data_models(self, config):
        # Only the vehicles of the orders loaded (see their _load_pos_data_domain); the
        # fitment applications are never loaded: the product screen asks the server.
        return [*super()._load_pos_data_models(config), "fitment.vehicle", "fleet.vehicle"]
