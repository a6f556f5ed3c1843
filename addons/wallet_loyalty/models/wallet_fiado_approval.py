import logging
from datetime import timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

PIN_MAX_FAILURES = 5
PIN_LOCK_MINUTES = 10


class WalletFiadoApproval(models.Model):
    """A manager's approval (by PIN at the POS) of one sale over a customer's store credit limit."""

    _name = "wallet.fiado.approval"
    _description = "Store Credit Approval"
    _order = "id desc"

    order_uuid = fields.Char(required=True, readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, readonly=True, help="Store credit amount approved for this order.")
    approver_id = fields.Many2one("res.users", required=True, readonly=True)
    config_id = fields.Many2one("pos.config", readonly=True)

    _order_uuid_unique = models.Constraint("UNIQUE(order_uuid)", "This order already has a credit approval.")

    @api.model
    def _approve(self, config, partner, amount, order_uuid, pin):
        """Check a manager PIN and record the approval of `amount` on credit for the order `order_uuid`.

        Returns ``(approval, False)`` or ``(False, error message)``. A wrong PIN does not raise: the failure
        counter of the POS must be committed (after PIN_MAX_FAILURES wrong PINs the POS is locked out of
        approvals for PIN_LOCK_MINUTES minutes, against guessing).
        """
        company = config.company_id
        # sudo: the counter is system bookkeeping on the configuration; cashiers cannot write pos.config.
        config_sudo = config.sudo()
        now = fields.Datetime.now()
        if config_sudo.wallet_pin_locked_until and config_sudo.wallet_pin_locked_until > now:
            return False, self.env._("Too many wrong PINs on this point of sale: try again in a few minutes.")
        # sudo: a cashier cannot read groups; the managers are only listed to check the PIN against them.
        groups = self.env.ref("wallet_loyalty.group_wallet_loyalty_manager") | self.env.ref(
            "point_of_sale.group_pos_manager"
        )
        managers = groups.sudo().all_user_ids.filtered(lambda u: company in u.company_ids and not u.share)
        approver = next((user for user in managers if user._wallet_pin_matches(pin)), None)
        if not approver:
            failures = config_sudo.wallet_pin_failures + 1
            _logger.warning(
                "Wrong store credit approval PIN on %s (order %s, failure %s)", config.id, order_uuid, failures
            )
            if failures >= PIN_MAX_FAILURES:
                config_sudo.write(
                    {"wallet_pin_failures": 0, "wallet_pin_locked_until": now + timedelta(minutes=PIN_LOCK_MINUTES)}
                )
            else:
                config_sudo.wallet_pin_failures = failures
            return False, self.env._("Wrong PIN: no manager of %(company)s has it.", company=company.name)
        if config_sudo.wallet_pin_failures:
            config_sudo.wallet_pin_failures = 0
        # sudo: a cashier records an approval given by the manager whose PIN was checked above.
        approval = self.sudo().search([("order_uuid", "=", order_uuid)], limit=1)
        vals = {
            "order_uuid": order_uuid,
            "partner_id": partner.id,
            "company_id": company.id,
            "amount": amount,
            "approver_id": approver.id,
            "config_id": config.id,
        }
        if approval:
            approval.write(vals)
        else:
            approval = self.sudo().create(vals)
        _logger.info("Store credit of %.2f for %s approved by %s", amount, partner.id, approver.login)
        return approval.with_env(self.env), False
