from odoo import api, models


class ResPartner(models.Model):
    """Glue to wallet_loyalty, which is optional: everything of it is looked up at run time."""

    _inherit = "res.partner"

    @api.model
    def _warranty_wallet_installed(self):
        return "wallet.transaction" in self.env and hasattr(self, "_wallet_credit")

    def _warranty_wallet_credit(self, amount, company, reason, origin):
        """Credit ``amount`` to the partner's wallet in ``company``, once per ``origin``: wallet_loyalty's public
        ``res.partner._wallet_credit(amount, company, reason, origin)`` (returns the ``wallet.transaction``)."""
        self.ensure_one()
        return self._wallet_credit(amount, company, reason, origin)

    @api.model
    def _warranty_wallet_liability_account(self, company):
        """wallet_loyalty's customer-deposit liability account of ``company``."""
        return company._wallet_liability_account()
