from odoo import fields, models


class FleetVehicleModel(models.Model):
    _inherit = "fleet.vehicle.model"

    vcdb_id = fields.Integer(
        string="VCdb Model ID", index="btree_not_null", help="For ACES files that name Years + Make + Model"
    )
