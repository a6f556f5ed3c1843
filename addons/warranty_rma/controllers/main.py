from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError
from odoo.http import request


class WarrantyPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "warranty_count" in counters:
            values["warranty_count"] = request.env["warranty.warranty"].search_count([])
        if "warranty_claim_count" in counters:
            values["warranty_claim_count"] = request.env["warranty.claim"].search_count([])
        return values

    @http.route(["/my/warranties"], type="http", auth="user", website=True)
    def portal_my_warranties(self, **kw):
        # record rules restrict portal users to their own commercial partner
        values = self._prepare_portal_layout_values()
        values.update(
            warranties=request.env["warranty.warranty"].search([]),
            claims=request.env["warranty.claim"].search([]),
            page_name="warranties",
        )
        return request.render("warranty_rma.portal_my_warranties", values)

    @http.route(["/my/warranties/<int:warranty_id>"], type="http", auth="public", website=True)
    def portal_my_warranty(self, warranty_id, access_token=None, **kw):
        try:
            warranty = self._document_check_access("warranty.warranty", warranty_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._show_report(
            model=warranty, report_type="pdf", report_ref="warranty_rma.warranty_certificate_report", download=False
        )

    @http.route(["/my/warranty_claims/<int:claim_id>"], type="http", auth="public", website=True)
    def portal_my_warranty_claim(self, claim_id, access_token=None, **kw):
        try:
            claim = self._document_check_access("warranty.claim", claim_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(claim=claim, page_name="warranties")
        return request.render("warranty_rma.portal_my_warranty_claim", values)
