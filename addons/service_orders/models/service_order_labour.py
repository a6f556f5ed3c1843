from odoo import api, fields, models


class ServiceOrderLabour(models.Model):
    """Labour of a service order: a technician's hours at the rate of a service product."""

    _name = "service.order.labour"
    _description = "Service order labour line"
    _order = "order_id, sequence, id"

    sequence = fields.Integer(default=10)
    order_id = fields.Many2one("service.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="order_id.company_id")
    currency_id = fields.Many2one(related="order_id.company_id.currency_id")
    product_id = fields.Many2one("product.product", string="Service", required=True, domain=[("type", "=", "service")])
    name = fields.Char(string="Description", compute="_compute_name", store=True, readonly=False)
    technician_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    hours = fields.Float(default=1.0, digits=(16, 2))
    rate = fields.Monetary(string="Hourly rate", compute="_compute_rate", store=True, readonly=False)
    subtotal = fields.Monetary(compute="_compute_subtotal", store=True)

    _hours_positive = models.Constraint("CHECK(hours >= 0)", "Labour hours cannot be negative.")

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name or line.name

    @api.depends("product_id")
    def _compute_rate(self):
        for line in self:
            line.rate = line.product_id.lst_price

    @api.depends("hours", "rate")
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = (
                line.currency_id.round(line.hours * line.rate) if line.currency_id else line.hours * line.rate
            )
