from odoo import fields, models, tools


class WalletFiadoAging(models.Model):
    """Store-credit aging: open receivable items of each customer by age bucket (SQL view)."""

    _name = "wallet.fiado.aging"
    _description = "Store Credit Aging"
    _auto = False
    _order = "days_due desc"

    partner_id = fields.Many2one("res.partner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_id = fields.Many2one("account.move", string="Entry", readonly=True)
    date = fields.Date(readonly=True)
    days_due = fields.Integer(string="Age (days)", readonly=True)
    bucket = fields.Selection(
        [("0_30", "0-30 days"), ("31_60", "31-60 days"), ("61_90", "61-90 days"), ("90_plus", "Over 90 days")],
        readonly=True,
    )
    amount_residual = fields.Monetary(string="Open amount", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            """
            CREATE VIEW wallet_fiado_aging AS (
                SELECT aml.id, aml.partner_id, aml.company_id, aml.move_id, aml.date,
                       (CURRENT_DATE - aml.date) AS days_due,
                       CASE WHEN CURRENT_DATE - aml.date <= 30 THEN '0_30'
                            WHEN CURRENT_DATE - aml.date <= 60 THEN '31_60'
                            WHEN CURRENT_DATE - aml.date <= 90 THEN '61_90'
                            ELSE '90_plus' END AS bucket,
                       aml.amount_residual
                  FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id
                 WHERE acc.account_type = 'asset_receivable'
                   AND aml.parent_state = 'posted'
                   AND aml.partner_id IS NOT NULL
                   AND aml.reconciled IS NOT TRUE
                   AND aml.amount_residual <> 0
            )
            """
        )
