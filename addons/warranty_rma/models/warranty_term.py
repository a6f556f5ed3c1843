from odoo import fields, models


class WarrantyTerm(models.Model):
    _name = "warranty.term"
    _description = "Warranty term"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, help="Empty: shared by every company.")
    months = fields.Integer(help="Months of coverage from the sale date (0 = no time limit).")
    km = fields.Integer(string="Kilometres", help="Kilometres of coverage from the sale odometer (0 = no km limit).")
    conditions = fields.Text(translate=True)
    exclusions = fields.Text(translate=True)

    _check_positive = models.Constraint(
        "CHECK (months >= 0 AND km >= 0 AND (months > 0 OR km > 0))",
        "A warranty term needs a positive number of months or kilometres.",
    )
