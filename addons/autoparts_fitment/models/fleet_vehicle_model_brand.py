from odoo import fields, models


class FleetVehicleModelBrand(models.Model):
    _inherit = "fleet.vehicle.model.brand"

    vcdb_id = fields.Integer(
        string="VCdb Make ID", index="btree_not_null", help="For ACES files that name Years + Make + Model"
    )
