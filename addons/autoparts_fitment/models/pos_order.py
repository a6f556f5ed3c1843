from odoo import api, fields, models


class PosOrder(models.Model):
    _inherit = "pos.order"

    fitment_vehicle_id = fields.Many2one(
        "fitment.vehicle", string="Vehicle", index="btree_not_null", help="Vehicle chosen at the counter"
    )
    fitment_base_vehicle_id = fields.Many2one(related="fitment_vehicle_id.base_vehicle_id", store=True)

    @api.model
    def _load_pos_data_fields(self, config):
        fields_list = super()._load_pos_data_fields(config)
        return [*fields_list, "fitment_vehicle_id"] if fields_list else fields_list
