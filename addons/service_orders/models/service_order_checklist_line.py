from odoo import fields, models

CHECK_RESULTS = [("ok", "OK"), ("attention", "Needs attention"), ("damaged", "Damaged"), ("na", "Not applicable")]


class ServiceOrderChecklistLine(models.Model):
    """The answer to one checklist item at the vehicle's check-in."""

    _name = "service.order.checklist.line"
    _description = "Check-in checklist line"
    _order = "order_id, sequence, id"

    order_id = fields.Many2one("service.order", required=True, ondelete="cascade", index=True)
    item_id = fields.Many2one("service.order.checklist.item", ondelete="set null")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Check", required=True)
    is_required = fields.Boolean(string="Required")
    result = fields.Selection(CHECK_RESULTS)
    note = fields.Char()
