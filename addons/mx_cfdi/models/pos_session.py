from odoo import models


class PosSession(models.Model):
    _inherit = "pos.session"

    def _validate_session(self, balancing_account=False, amount_to_balance=0, bank_payment_method_diffs=None):
        result = super()._validate_session(
            balancing_account=balancing_account,
            amount_to_balance=amount_to_balance,
            bank_payment_method_diffs=bank_payment_method_diffs,
        )
        for session in self.filtered(lambda s: s.state == "closed"):
            session._mx_cfdi_queue_global_invoice()
        return result

    def _mx_cfdi_queue_global_invoice(self):
        """One factura global for the session's paid tickets nobody asked an invoice for (stamped by the cron)."""
        self.ensure_one()
        company = self.company_id
        if not company._mx_cfdi_global_enabled() or company.mx_cfdi_global_periodicidad != "01":
            return self.env["mx.cfdi.document"]
        # sudo: closing is done by cashiers, who may not read every order of the session
        sales, late = self.env["pos.order"].sudo()._mx_cfdi_global_candidates(company, [("session_id", "=", self.id)])
        documents = self.env["mx.cfdi.document"].sudo()  # sudo: the factura global is code-made, never by a user
        return documents._mx_cfdi_create_global(company, sales, f"FG/{self.name}") | (
            documents._mx_cfdi_create_global_refunds(company, late)
        )
