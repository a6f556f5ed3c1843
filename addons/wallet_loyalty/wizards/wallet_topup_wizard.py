import uuid

from odoo import fields, models


class WalletTopupWizard(models.TransientModel):
    _name = "wallet.topup.wizard"
    _description = "Wallet Top-up"

    partner_id = fields.Many2one("res.partner", required=True)
    amount = fields.Float(required=True, digits="Product Price")
    reference = fields.Char(required=True, default=lambda self: str(uuid.uuid4()))
    note = fields.Char()

    def action_confirm(self):
        self.ensure_one()
        self.partner_id.action_wallet_topup(self.amount, f"wizard:{self.reference}", note=self.note)
        return {"type": "ir.actions.act_window_close"}
