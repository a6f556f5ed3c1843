from odoo import api, fields, models
from odoo.exceptions import UserError


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    is_wallet = fields.Boolean(compute="_compute_is_wallet", store=True, index=True)
    wallet_transaction_ids = fields.One2many("wallet.transaction", "card_id", string="Wallet Ledger")

    _wallet_not_negative = models.Constraint(
        "CHECK(is_wallet IS NOT TRUE OR points >= 0)", "A wallet balance cannot be negative."
    )

    @api.depends("program_id.program_type")
    def _compute_is_wallet(self):
        for card in self:
            card.is_wallet = card.program_id.program_type == "ewallet"

    def write(self, vals):
        posting = self.env.su and self.env.context.get("wallet_posting")
        if "points" in vals and not posting and any(self.mapped("is_wallet")):
            raise UserError(self.env._("A wallet balance only changes through the wallet ledger (top-up or sale)."))
        return super().write(vals)
