from odoo import api, fields, models


class ServiceOrderStageHistory(models.Model):
    """One stay of an order in a stage: who moved it there, when it entered and left."""

    _name = "service.order.stage.history"
    _description = "Service order stage history"
    _order = "date_in desc, id desc"

    order_id = fields.Many2one("service.order", required=True, ondelete="cascade", index=True)
    stage_id = fields.Many2one("service.order.stage", required=True, ondelete="restrict")
    user_id = fields.Many2one("res.users", string="Moved by", default=lambda self: self.env.user)
    date_in = fields.Datetime(required=True, default=fields.Datetime.now)
    date_out = fields.Datetime()
    duration_hours = fields.Float(string="Hours in stage", compute="_compute_duration_hours", store=True)

    @api.depends("date_in", "date_out")
    def _compute_duration_hours(self):
        for line in self:
            if line.date_in and line.date_out:
                line.duration_hours = (line.date_out - line.date_in).total_seconds() / 3600.0
            else:
                line.duration_hours = 0.0
