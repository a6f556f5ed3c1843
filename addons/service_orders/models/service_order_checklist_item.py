from odoo import fields, models


class ServiceOrderChecklistItem(models.Model):
    """One point to inspect when a vehicle of this service type is received."""

    _name = "service.order.checklist.item"
    _description = "Service type checklist item"
    _order = "type_id, sequence, id"

    type_id = fields.Many2one("service.order.type", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    is_required = fields.Boolean(string="Required", default=True, help="It must be checked before diagnosis.")
