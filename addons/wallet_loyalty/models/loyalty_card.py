from odoo import api, fields, models
from odoo.exceptions import UserError


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    is_wallet = fields.Boolean(compute="_compute_is_wallet", store=True, index=True)
    wallet_transaction_ids = fields.One2many("wallet.transaction", "card_id", string="Wallet Ledger")

    _wallet_not_negative = models.Constraint(
        "CHECK(is_wallet IS NOT TRUE OR points >= 0)", "A wallet balance cannot be negative."
    )

    @api.depends("program_id.program_type")
    def _compute_is_wallet(self):
        for card in self:
            card.is_wallet = card.program_id.program_type == "ewallet"

    def write(self, vals):
        posting = self.env.su and self.env.context.get("wallet_posting")
        if "points" in vals and not posting and any(self.mapped("is_wallet")):
            raise UserError(self.env._("A wallet balance only changes through the wallet ledger (top-up or sale)."))
        return super().write(vals)

    def _wallet_add_points(self, points, order):
        """Add (or, for a refund, take back) loyalty points for `order`, once, under a row lock of the card.

        Returns the new points balance. The movement is recorded in Odoo's own card history (loyalty.history).
        """
        self.ensure_one()
        self.env.cr.execute("SELECT points FROM loyalty_card WHERE id = %s FOR UPDATE", [self.id])
        balance = self.env.cr.fetchone()[0] or 0.0
        # sudo: the history is written by the system for the order being processed.
        History = self.env["loyalty.history"].sudo()
        if History.search_count(
            [("card_id", "=", self.id), ("order_model", "=", order._name), ("order_id", "=", order.id)]
        ):
            return balance
        new_balance = max(balance + points, 0.0)
        # sudo: cashiers cannot write loyalty cards; points only move with a paid order.
        self.sudo().with_context(loyalty_no_mail=True).write({"points": new_balance})
        History.create(
            {
                "card_id": self.id,
                "description": order.name or order.pos_reference,
                "issued": max(new_balance - balance, 0.0),
                "used": max(balance - new_balance, 0.0),
                "order_model": order._name,
                "order_id": order.id,
            }
        )
        return new_balance
