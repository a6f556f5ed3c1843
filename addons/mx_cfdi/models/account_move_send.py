from odoo import api, models


class AccountMoveSend(models.AbstractModel):
    _inherit = "account.move.send"

    @api.model
    def _get_invoice_extra_attachments(self, move):
        """The stamped XML travels with the PDF: email, portal download, 'download all'."""
        return super()._get_invoice_extra_attachments(move) | move._mx_cfdi_stamped_attachment()
