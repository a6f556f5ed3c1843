from odoo import fields, models


class ServiceOrderType(models.Model):
    """A kind of workshop service (brakes, oil change, electrical...) with its check-in checklist."""

    _name = "service.order.type"
    _description = "Service type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    checklist_item_ids = fields.One2many("service.order.checklist.item", "type_id", string="Check-in checklist")
