from odoo import fields, models


class ServiceOrderStage(models.Model):
    """A kanban column of the workshop board. ``code`` ties the default stages to repair's state machine."""

    _name = "service.order.stage"
    _description = "Service order stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        [
            ("received", "Received"),
            ("diagnosis", "Diagnosis"),
            ("waiting_parts", "Waiting for parts"),
            ("repair", "Repair"),
            ("quality_check", "Quality check"),
            ("ready", "Ready for pickup"),
            ("delivered", "Delivered"),
            ("cancelled", "Cancelled"),
        ],
        help="Technical role of the stage; stages without a role have no side effect.",
    )
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in kanban")
    is_required = fields.Boolean(
        string="Required step", help="Orders cannot reach a later stage without going through this one."
    )
    sla_hours = fields.Float(
        string="SLA (hours)", help="Orders staying longer than this in the stage are flagged. 0 = no SLA."
    )
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "Each stage role can be used only once.")
