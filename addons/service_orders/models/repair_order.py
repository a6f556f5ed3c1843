from odoo import fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    # the workshop order delegating to this repair: technicians' record rule on repairs goes through it
    workshop_order_ids = fields.One2many("service.order", "repair_id", string="Workshop orders")
