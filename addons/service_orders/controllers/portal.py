import logging

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

_logger = logging.getLogger(__name__)


class ServiceOrderPortal(CustomerPortal):
    """The customer's page of a service order quote (link with access token), where it approves the quote."""

    def _service_order_or_redirect(self, order_id, access_token):
        try:
            return self._document_check_access("service.order", order_id, access_token=access_token)
        except (AccessError, MissingError):
            return None

    @http.route(["/my/service_order/<int:order_id>"], type="http", auth="public", website=True)
    def portal_service_order(self, order_id, access_token=None, message=None, **kw):
        order_sudo = self._service_order_or_redirect(order_id, access_token)
        if order_sudo is None:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "order": order_sudo,
                "access_token": access_token,
                "message": message,
                "parts": order_sudo.move_ids.filtered(lambda m: m.repair_line_type == "add" and m.state != "cancel"),
                "page_name": "service_order",
            }
        )
        return request.render("service_orders.portal_service_order", values)

    @http.route(
        ["/my/service_order/<int:order_id>/approve"], type="http", auth="public", methods=["POST"], website=True
    )
    def portal_service_order_approve(self, order_id, access_token=None, name=None, **kw):
        order_sudo = self._service_order_or_redirect(order_id, access_token)
        if order_sudo is None:
            return request.redirect("/my")
        url = f"/my/service_order/{order_id}?access_token={access_token or ''}"
        name = (name or "").strip()
        if not name:
            return request.redirect(f"{url}&message=name_missing")
        try:
            # order_sudo: the access token (or the portal user's rights) was checked just above
            order_sudo._approve_from_portal(name)
        except UserError as error:
            _logger.info("portal approval of service order %s refused: %s", order_id, error)
            return request.redirect(f"{url}&message=refused")
        return request.redirect(f"{url}&message=approved")
