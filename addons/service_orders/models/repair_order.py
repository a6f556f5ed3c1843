from odoo import fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    # the workshop order delegating to this repair: technicians' record rule on repairs goes through it
    workshop_order_ids = fields.One2many("service.order", "repair_id", string="Workshop orders")
    # the workshop's notes (service.order inherits them): a fleet customer reading or searching its orders
    # over RPC (portal) must get neither them nor an answer to a search on them
    internal_notes = fields.Html(groups="base.group_user")
