from odoo import http
from odoo.addons.account.controllers.portal import PortalAccount
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request


class MxCfdiPortal(PortalAccount):
    @http.route(["/my/invoices/<int:invoice_id>/cfdi.xml"], type="http", auth="public", website=True)
    def portal_my_invoice_cfdi_xml(self, invoice_id, access_token=None, **kw):
        """The stamped CFDI XML of an invoice the visitor may see (own invoice or valid access token)."""
        try:
            invoice_sudo = self._document_check_access("account.move", invoice_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        attachment = invoice_sudo._mx_cfdi_stamped_attachment()
        if not attachment:
            raise request.not_found()
        headers = [
            ("Content-Type", "application/xml"),
            ("Content-Disposition", content_disposition(attachment.name)),
        ]
        return request.make_response(attachment.raw, headers)
