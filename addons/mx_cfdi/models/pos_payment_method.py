from odoo import fields, models

from .account_move import FORMAS_PAGO


class PosPaymentMethod(models.Model):
    _inherit = "pos.payment.method"

    mx_cfdi_forma_pago = fields.Selection(
        FORMAS_PAGO,
        "CFDI payment form",
        help="SAT FormaPago of the CFDI for sales paid with this method; empty: 01 for cash, 04 otherwise.",
    )

    def _mx_cfdi_forma_pago(self):
        self.ensure_one()
        if self.mx_cfdi_forma_pago:
            return self.mx_cfdi_forma_pago
        if self.type == "pay_later":
            return "99"
        return "01" if self.is_cash_count else "04"
