from odoo import fields, models


class WalletTier(models.Model):
    _name = "wallet.tier"
    _description = "Customer Tier"
    _order = "company_id, min_spend"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        [("bronze", "Bronze"), ("silver", "Silver"), ("gold", "Gold"), ("platinum", "Platinum")], required=True
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    min_spend = fields.Monetary(
        string="Minimum 12-month spend", required=True, help="Spend over the last 365 days that reaches this tier."
    )
    points_multiplier = fields.Float(default=1.0)
    discount_percent = fields.Float(string="Discount (%)")
    active = fields.Boolean(default=True)

    _code_company_unique = models.Constraint("UNIQUE(company_id, code)", "Each tier appears once per company.")
    _min_spend_positive = models.Constraint("CHECK(min_spend >= 0)", "The minimum spend cannot be negative.")
    _multiplier_positive = models.Constraint("CHECK(points_multiplier >= 0)", "The multiplier cannot be negative.")
    _discount_range = models.Constraint(
        "CHECK(discount_percent >= 0 AND discount_percent <= 100)", "The discount must be between 0 and 100."
    )
