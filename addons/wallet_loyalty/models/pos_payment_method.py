from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PosPaymentMethod(models.Model):
    _inherit = "pos.payment.method"

    is_wallet = fields.Boolean(
        string="Customer wallet",
        help="Payments with this method debit the customer's wallet. Use a bank-type journal whose outstanding "
        "account is the customer-deposit (liability) account credited by top-ups.",
    )

    @api.constrains("is_wallet", "journal_id", "split_transactions")
    def _check_wallet_journal(self):
        for method in self.filtered("is_wallet"):
            if method.type != "bank":
                raise ValidationError(
                    self.env._("A wallet payment method needs a bank-type journal (not cash, not customer account).")
                )

    @api.model
    def _load_pos_data_fields(self, config):
        return [*super()._load_pos_data_fields(config), "is_wallet"]
