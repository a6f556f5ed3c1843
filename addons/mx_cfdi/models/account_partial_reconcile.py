from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        for partial in partials:
            partial._mx_cfdi_queue_payment_complement()
        return partials

    def _mx_cfdi_queue_payment_complement(self):
        """A payment applied to a stamped PPD invoice needs a payment complement (P)."""
        invoice = self.debit_move_id.move_id
        payment_move = self.credit_move_id.move_id
        if (
            invoice.move_type != "out_invoice"
            or invoice.mx_cfdi_metodo_pago != "PPD"
            or invoice.mx_cfdi_state != "stamped"
            or payment_move.move_type != "entry"
        ):
            return
        # sudo: the payment complement is the queue's document, made here and never by users
        documents = self.env["mx.cfdi.document"].sudo()
        previous = documents.search([("origin_move_id", "=", invoice.id), ("cfdi_type", "=", "P")])
        paid_before = sum(previous.mapped("payment_amount"))
        documents.create(
            {
                "name": f"P-{payment_move.name}-{len(previous) + 1}",
                "company_id": invoice.company_id.id,
                "move_id": payment_move.id,
                "origin_move_id": invoice.id,
                "cfdi_type": "P",
                "installment": len(previous) + 1,
                "previous_balance": invoice.amount_total - paid_before,
                "payment_amount": self.amount,
            }
        )
