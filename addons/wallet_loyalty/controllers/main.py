from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request


class WalletPortal(CustomerPortal):
    @http.route(["/my/wallet"], type="http", auth="user", website=True)
    def portal_my_wallet(self, **kw):
        partner = request.env.user.partner_id.commercial_partner_id
        # The record rule limits portal users to their own movements.
        movements = request.env["wallet.transaction"].search([("partner_id", "child_of", partner.id)], limit=100)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "wallet",
                "wallet_partner": partner,
                # sudo: balance and tier of the customer's own partner (portal users cannot read cards).
                "wallet_balance": partner.sudo().wallet_balance,
                "wallet_tier": partner.sudo().wallet_tier_id,
                "wallet_spend": partner.sudo().wallet_spend_12m,
                "wallet_points": partner.sudo().wallet_points,
                "wallet_movements": movements,
            }
        )
        return request.render("wallet_loyalty.portal_my_wallet", values)
