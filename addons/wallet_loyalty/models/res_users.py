import hashlib
import hmac
import secrets

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

PIN_ROUNDS = 60_000


def _hash_pin(pin, salt):
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), PIN_ROUNDS).hex()


class ResUsers(models.Model):
    _inherit = "res.users"

    # Only the salted hash is stored; it is readable by administrators only and never sent to the POS.
    wallet_pin_hash = fields.Char(copy=False, groups="base.group_system")
    wallet_pin = fields.Char(
        string="Store credit approval PIN",
        compute="_compute_wallet_pin",
        inverse="_inverse_wallet_pin",
        groups="wallet_loyalty.group_wallet_loyalty_manager",
        help="Digits a manager types at the POS to approve a sale over a customer's store credit limit.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "wallet_pin"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        # A manager sets their own approval PIN in their preferences (the field's groups still apply).
        return [*super().SELF_WRITEABLE_FIELDS, "wallet_pin"]

    def _compute_wallet_pin(self):
        for user in self:
            user.wallet_pin = False

    def _inverse_wallet_pin(self):
        for user in self:
            if user != self.env.user and not self.env.user.has_group("base.group_system"):
                raise AccessError(self.env._("Only an administrator can set another user's approval PIN."))
            pin = (user.wallet_pin or "").strip()
            if pin and (not pin.isdigit() or len(pin) < 4):
                raise UserError(self.env._("The approval PIN must have at least 4 digits."))
            salt = secrets.token_hex(8)
            # sudo: the hash field is restricted to administrators; a manager may set their own PIN.
            user.sudo().wallet_pin_hash = f"{salt}${_hash_pin(pin, salt)}" if pin else False

    def _wallet_pin_matches(self, pin):
        self.ensure_one()
        # sudo: reading the stored hash to compare it, never to return it.
        stored = self.sudo().wallet_pin_hash
        if not stored or not pin:
            return False
        salt, digest = stored.split("$", 1)
        return hmac.compare_digest(digest, _hash_pin(str(pin), salt))
