from odoo import fields, models


class PosOrder(models.Model):
    """The vehicle chosen at the counter, kept on the order and printed on the receipt.

    The POS loads every pos.order field, so both fields travel with the order both ways
    (fitment.vehicle and fleet.vehicle are POS-loaded models, see pos_session.py).
    """

    _inherit = "pos.order"

    fitment_vehicle_id = fields.Many2one(
        "fitment.vehicle", string="Vehicle", index="btree_not_null", help="Vehicle chosen at the counter"
    )
    fitment_base_vehicle_id = fields.Many2one(related="fitment_vehicle_id.base_vehicle_id", store=True)
    fitment_garage_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Customer vehicle",
        index="btree_not_null",
        help="The customer's own vehicle (garage) when it was chosen by plate or from the garage",
    )
