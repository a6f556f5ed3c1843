import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import wallet_math

_logger = logging.getLogger(__name__)


class WalletTransaction(models.Model):
    """Immutable wallet ledger: one row per balance movement, keyed so a replay cannot post it twice."""

    _name = "wallet.transaction"
    _description = "Wallet Movement"
    _order = "id desc"

    card_id = fields.Many2one("loyalty.card", required=True, index=True, ondelete="restrict", readonly=True)
    partner_id = fields.Many2one("res.partner", required=True, index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    movement_type = fields.Selection(
        [
            ("topup", "Top-up"),
            ("payment", "Payment"),
            ("refund", "Refund"),
            ("credit", "Store credit"),
            ("adjustment", "Adjustment"),
        ],
        required=True,
        readonly=True,
    )
    amount = fields.Monetary(required=True, readonly=True, help="Positive: credit to the wallet; negative: debit.")
    balance_after = fields.Monetary(readonly=True)
    key = fields.Char(required=True, readonly=True, help="Idempotency key (payment or order-line uuid).")
    pos_order_id = fields.Many2one("pos.order", index="btree_not_null", readonly=True, ondelete="restrict")
    pos_payment_id = fields.Many2one("pos.payment", index="btree_not_null", readonly=True, ondelete="set null")
    note = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)

    _key_unique = models.Constraint("UNIQUE(key)", "This wallet movement was already applied.")
    _amount_not_zero = models.Constraint("CHECK(amount <> 0)", "A wallet movement cannot be zero.")
    _balance_positive = models.Constraint("CHECK(balance_after >= 0)", "A wallet balance cannot be negative.")

    @api.model_create_multi
    def create(self, vals_list):
        if not self._ledger_writable():
            raise UserError(self.env._("Wallet movements are created by top-ups, sales and refunds only."))
        return super().create(vals_list)

    def write(self, vals):
        if not self._ledger_writable():
            self.check_access("write")  # users without the right get the access error first
            raise UserError(self.env._("The wallet ledger is immutable: post a correcting movement instead."))
        return super().write(vals)

    def unlink(self):
        if not self._ledger_writable():
            self.check_access("unlink")  # users without the right get the access error first
            raise UserError(self.env._("The wallet ledger is immutable: post a correcting movement instead."))
        return super().unlink()

    def _ledger_writable(self):
        # Only the posting code (sudo + flag) writes; the flag alone could come from an RPC context.
        return self.env.su and self.env.context.get("wallet_posting")

    @api.model
    def _post(self, card, amount, movement_type, key, order=None, payment=None, note=None):
        """Apply a signed movement to a wallet card exactly once, under a row lock.

        Returns the existing movement when `key` was already applied (order synced twice / replayed).
        """
        # Lock the card row: a concurrent debit waits here, then fails on serialization and is retried
        # by Odoo's RPC layer, which reads the new balance (and sees an already applied key).
        self.env.cr.execute("SELECT points FROM loyalty_card WHERE id = %s FOR UPDATE", [card.id])
        balance = self.env.cr.fetchone()[0] or 0.0
        existing = self.sudo().search([("key", "=", key)], limit=1)
        if existing:
            _logger.info("Wallet movement %s already applied (movement #%s)", key, existing.id)
            return existing
        digits = card.company_id.currency_id.decimal_places
        try:
            new_balance = wallet_math.apply_movement(balance, amount, digits)
        except ValueError:
            raise UserError(
                self.env._(
                    "Insufficient wallet balance for %(partner)s: available %(balance).2f, requested %(amount).2f.",
                    partner=card.partner_id.display_name,
                    balance=balance,
                    amount=-amount,
                )
            ) from None
        # sudo: the cashier may not write loyalty cards; the balance only moves through this ledger.
        card.sudo().with_context(wallet_posting=True, loyalty_no_mail=True).write({"points": new_balance})
        movement = (
            self.sudo()
            .with_context(wallet_posting=True)
            .create(
                {
                    "card_id": card.id,
                    "partner_id": card.partner_id.id,
                    "company_id": card.company_id.id,
                    "movement_type": movement_type,
                    "amount": amount,
                    "balance_after": new_balance,
                    "key": key,
                    "pos_order_id": order.id if order else False,
                    "pos_payment_id": payment.id if payment else False,
                    "note": note,
                }
            )
        )
        self._mirror_history(movement, order)
        return movement

    @api.model
    def _mirror_history(self, movement, order):
        # loyalty.history keeps Odoo's own card history and portal page in step with the ledger.
        self.env["loyalty.history"].sudo().create(
            {
                "card_id": movement.card_id.id,
                "description": movement.note or dict(self._fields["movement_type"].selection)[movement.movement_type],
                "issued": movement.amount if movement.amount > 0 else 0.0,
                "used": -movement.amount if movement.amount < 0 else 0.0,
                "order_model": order and "pos.order",
                "order_id": order.id if order else 0,
            }
        )
