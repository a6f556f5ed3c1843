import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import wallet_math

_logger = logging.getLogger(__name__)


class PosOrder(models.Model):
    _inherit = "pos.order"

    savings_amount = fields.Monetary(
        string="Customer savings", compute="_compute_savings_amount", store=True, help="Reference price minus paid."
    )
    fiado_approver_id = fields.Many2one(
        "res.users", string="Credit approved by", readonly=True, help="Manager who approved a sale over the limit."
    )
    wallet_transaction_ids = fields.One2many("wallet.transaction", "pos_order_id", string="Wallet movements")
    wallet_tier_name = fields.Char(related="partner_id.wallet_tier_name", string="Customer tier")

    @api.depends("lines.price_subtotal_incl", "lines.qty", "lines.product_id.reference_price")
    def _compute_savings_amount(self):
        for order in self:
            order.savings_amount = wallet_math.order_savings(
                (
                    line.product_id.reference_price,
                    line.price_subtotal_incl / line.qty if line.qty else 0.0,
                    line.qty,
                )
                for line in order.lines
            )

    @api.model
    def _process_order(self, order, existing_order):
        # The approver of a sale over the credit limit comes from a PIN-checked wallet.fiado.approval,
        # never from what the client sends.
        order.pop("fiado_approver_id", None)
        return super()._process_order(order, existing_order)

    def _process_saved_order(self, draft):
        # Money moves once, inside the order's own transaction: a failure rolls the whole sync back, and the
        # uuid keys of wallet.transaction refuse a second application on retry or offline replay. (A new order
        # arrives already 'paid'; an order that was paid before never reaches this point: sync_from_ui skips it.)
        if not draft and self.state != "cancel":
            self._wallet_check_fiado()
            self._wallet_apply_movements()
            self._wallet_award_points()
        res = super()._process_saved_order(draft)
        if not draft and self.partner_id:
            self.partner_id.with_company(self.company_id)._wallet_recompute_tier()
        return res

    def _wallet_apply_movements(self):
        self.ensure_one()
        wallet_payments = self.payment_ids.filtered(lambda p: p.payment_method_id.is_wallet and p.amount)
        topup_lines = self.lines.filtered(lambda line: line.product_id.is_wallet_topup and line.price_subtotal_incl)
        if not wallet_payments and not topup_lines:
            return
        if not self.partner_id:
            raise UserError(self.env._("Select a customer to use the wallet."))
        if wallet_payments and topup_lines:
            raise UserError(self.env._("A wallet top-up cannot be paid with the wallet itself."))
        partner = self.partner_id.with_company(self.company_id)
        card = partner._wallet_card()
        Transaction = self.env["wallet.transaction"]
        for line in topup_lines:
            amount = line.price_subtotal_incl
            if amount > 0:
                partner._wallet_check_topup(amount)
            kind = "topup" if amount > 0 else "refund"
            Transaction._post(card, amount, kind, f"line:{line.uuid}", order=self, note=self.name)
        for payment in wallet_payments:
            # A refund is a negative payment: the money goes back to the wallet.
            kind = "payment" if payment.amount > 0 else "refund"
            Transaction._post(
                card, -payment.amount, kind, f"payment:{payment.uuid}", order=self, payment=payment, note=self.name
            )

    def _wallet_check_fiado(self):
        self.ensure_one()
        credit = sum(self.payment_ids.filtered(lambda p: p.payment_method_id.type == "pay_later").mapped("amount"))
        if credit <= 0 or not self.partner_id:
            return
        partner = self.partner_id.commercial_partner_id.with_company(self.company_id)
        # Lock the customer: two tills selling on credit to the same customer are checked one after the other.
        self.env.cr.execute("SELECT id FROM res_partner WHERE id = %s FOR UPDATE", [partner.id])
        limit = partner.fiado_limit
        # This order's own payments are not part of the debt yet (the order may arrive already 'paid').
        due = partner._fiado_current_due(exclude_order=self)
        if not wallet_math.fiado_exceeds(due, credit, limit):
            return
        # sudo: approvals are recorded by the PIN check (pos.config.wallet_fiado_approve), not readable by cashiers.
        approval = (
            self.env["wallet.fiado.approval"]
            .sudo()
            .search([("order_uuid", "=", self.uuid), ("company_id", "=", self.company_id.id)], limit=1)
        )
        if approval and wallet_math.round_money(approval.amount) >= wallet_math.round_money(credit):
            self.sudo().fiado_approver_id = approval.approver_id
            _logger.info(
                "Store credit over limit for %s approved by %s on %s", partner.id, approval.approver_id.login, self.name
            )
            return
        raise UserError(
            self.env._(
                "Store credit limit exceeded for %(partner)s: limit %(limit).2f, debt %(due).2f, this sale "
                "%(credit).2f. A manager must approve it.",
                partner=partner.display_name,
                limit=limit,
                due=due,
                credit=credit,
            )
        )

    def _wallet_award_points(self):
        """Loyalty points for the spend of this order (top-ups excluded), times the customer's tier multiplier.

        A refund takes its points back (never below zero). Applied once per order (see `_wallet_add_points`).
        """
        self.ensure_one()
        company = self.company_id
        if not self.partner_id or not company.wallet_points_rate:
            return
        base = sum(line.price_subtotal_incl for line in self.lines if not line.product_id.is_wallet_topup)
        partner = self.partner_id.with_company(company)
        multiplier = partner.wallet_tier_id.points_multiplier if partner.wallet_tier_id else 1.0
        points = wallet_math.order_points(base, company.wallet_points_rate, multiplier)
        if points:
            partner._wallet_points_card()._wallet_add_points(points, self)

    def read_pos_data(self, data, config):
        # Send the customer back with the synced order so the POS shows the new wallet balance and tier.
        result = super().read_pos_data(data, config)
        partners = self.partner_id.filtered(lambda p: p.active)
        if config and partners:
            result["res.partner"] = self.env["res.partner"]._load_pos_data_read(partners, config)
        return result

    def action_view_wallet_transactions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("wallet_loyalty.wallet_transaction_action")
        action["domain"] = [("pos_order_id", "=", self.id)]
        return action
