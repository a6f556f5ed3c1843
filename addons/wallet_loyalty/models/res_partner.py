import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import wallet_math

_logger = logging.getLogger(__name__)


class ResPartner(models.Model):
    _inherit = "res.partner"

    wallet_card_ids = fields.One2many("loyalty.card", "partner_id", domain=[("is_wallet", "=", True)])
    wallet_balance = fields.Monetary(compute="_compute_wallet_balance", currency_field="wallet_currency_id")
    wallet_currency_id = fields.Many2one("res.currency", compute="_compute_wallet_balance")
    wallet_tier_id = fields.Many2one("wallet.tier", string="Tier", company_dependent=True, readonly=True)
    wallet_tier_name = fields.Char(related="wallet_tier_id.name", string="Tier name")
    wallet_spend_12m = fields.Float(string="12-month spend", company_dependent=True, readonly=True, digits="Account")
    fiado_limit = fields.Float(
        string="Store credit limit",
        company_dependent=True,
        digits="Account",
        help="Maximum debt on the Customer Account payment method. 0 means no limit is enforced.",
    )
    fiado_due = fields.Monetary(
        string="Store credit used", compute="_compute_fiado_due", currency_field="wallet_currency_id"
    )

    @api.depends_context("company")
    def _compute_wallet_balance(self):
        company = self.env.company
        # sudo: the balance is shown to cashiers and API users, who cannot read loyalty cards.
        groups = (
            self.env["loyalty.card"]
            .sudo()
            ._read_group(
                [("partner_id", "in", self.ids), ("is_wallet", "=", True), ("company_id", "=", company.id)],
                ["partner_id"],
                ["points:sum"],
            )
        )
        balances = {partner.id: points for partner, points in groups}
        for partner in self:
            partner.wallet_balance = balances.get(partner.id, 0.0)
            partner.wallet_currency_id = company.currency_id

    @api.depends_context("company")
    def _compute_fiado_due(self):
        for partner in self:
            partner.fiado_due = partner._fiado_current_due()

    def write(self, vals):
        manager = self.env.su or self.env.user.has_group("wallet_loyalty.group_wallet_loyalty_manager")
        if "fiado_limit" in vals and not manager:
            raise AccessError(self.env._("Only a wallet manager can change a store credit limit."))
        return super().write(vals)

    def action_wallet_ledger(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("wallet_loyalty.wallet_transaction_action")
        action["domain"] = [("partner_id", "=", self.id)]
        return action

    def action_fiado_statement(self):
        """Statement of account: the customer's receivable journal items, oldest first."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Statement of account"),
            "res_model": "account.move.line",
            "view_mode": "list",
            "domain": [
                ("partner_id", "child_of", self.commercial_partner_id.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
            ],
            "context": {"search_default_unreconciled": 1},
        }

    def _fiado_current_due(self):
        """Posted receivable plus Customer Account payments of POS orders not posted yet."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        # sudo: a cashier must know the debt to enforce the limit without accounting rights.
        posted = commercial.sudo().credit
        pending = (
            self.env["pos.payment"]
            .sudo()
            .search(
                [
                    ("pos_order_id.partner_id.commercial_partner_id", "=", commercial.id),
                    ("pos_order_id.state", "=", "paid"),
                    ("payment_method_id.type", "=", "pay_later"),
                    ("company_id", "=", self.env.company.id),
                ]
            )
        )
        return posted + sum(pending.mapped("amount"))

    def _wallet_card(self, create=True):
        """The partner's wallet card in the current company (locked later, when money moves)."""
        self.ensure_one()
        program = self.env.company._wallet_program()
        card = (
            self.env["loyalty.card"]
            .sudo()
            .search([("program_id", "=", program.id), ("partner_id", "=", self.id)], limit=1)
        )
        if not card and create:
            # sudo: cards are created by the system on the first wallet movement.
            card = self.env["loyalty.card"].sudo().create({"program_id": program.id, "partner_id": self.id})
        return card

    def _wallet_check_topup(self, amount):
        error = wallet_math.validate_topup(amount, self.env.company.wallet_max_topup)
        if error == "too_large":
            raise UserError(
                self.env._(
                    "The top-up of %(amount).2f exceeds the maximum allowed (%(max).2f).",
                    amount=amount,
                    max=self.env.company.wallet_max_topup,
                )
            )
        if error:
            raise UserError(self.env._("The top-up amount must be a positive number."))

    def action_wallet_topup(self, amount, reference, note=None):
        """Back-office / API top-up. `reference` makes the call idempotent."""
        self.ensure_one()
        if not self.env.user.has_group("wallet_loyalty.group_wallet_loyalty_user") and not self.env.user.has_group(
            "wallet_loyalty.group_wallet_loyalty_api"
        ):
            raise AccessError(self.env._("You are not allowed to top up wallets."))
        self._wallet_check_topup(amount)
        if not reference:
            raise UserError(self.env._("A top-up needs a reference."))
        card = self._wallet_card()
        key = f"topup:{self.env.company.id}:{reference}"
        return self.env["wallet.transaction"]._post(card, amount, "topup", key, note=note or reference)

    # ------------------------------------------------------------------ tiers
    def _wallet_recompute_tier(self):
        company = self.env.company
        tiers = self.env["wallet.tier"].sudo().search([("company_id", "=", company.id)])
        if not tiers:
            return
        since = fields.Datetime.now() - timedelta(days=365)
        groups = (
            self.env["pos.order"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", self.ids),
                    ("company_id", "=", company.id),
                    ("state", "in", ("paid", "done", "invoiced")),
                    ("date_order", ">=", since),
                ],
                ["partner_id"],
                ["amount_total:sum"],
            )
        )
        spend = {partner.id: total for partner, total in groups}
        thresholds = [(t.code, t.min_spend) for t in tiers]
        by_code = {t.code: t for t in tiers}
        for partner in self:
            amount = spend.get(partner.id, 0.0)
            code = wallet_math.pick_tier(amount, thresholds)
            # sudo: tier and spend are system-computed, read-only for users.
            partner.sudo().write({"wallet_spend_12m": amount, "wallet_tier_id": by_code[code].id if code else False})

    @api.model
    def _cron_recompute_wallet_tiers(self):
        for company in self.env["wallet.tier"].sudo().search([]).company_id:
            env = self.with_company(company)
            partners = env.env["pos.order"].sudo().search([("company_id", "=", company.id)]).partner_id
            partners |= env.search([("wallet_tier_id", "!=", False)])
            partners.with_company(company)._wallet_recompute_tier()
            _logger.info("Wallet tiers recomputed for %s customers of %s", len(partners), company.name)

    # -------------------------------------------------------------------- POS
    @api.model
    def _load_pos_data_fields(self, config):
        return [*super()._load_pos_data_fields(config), "wallet_balance", "wallet_tier_name", "fiado_limit"]

    # -------------------------------------------------------------------- API
    @api.model
    def wallet_api_balance(self, partner_ids):
        """XML-RPC: balances, tier and points of the given partners."""
        self._wallet_check_api()
        partners = self.browse(partner_ids).exists()
        if len(partners) != len(set(partner_ids)):
            raise UserError(self.env._("Unknown customer or wallet."))
        return [
            {
                "partner_id": p.id,
                "balance": p.wallet_balance,
                "tier": p.wallet_tier_id.code or False,
                "fiado_limit": p.fiado_limit,
                "fiado_due": p.fiado_due,
            }
            for p in partners
        ]

    @api.model
    def wallet_api_topup(self, partner_id, amount, reference):
        """XML-RPC: post a top-up; idempotent on `reference`."""
        self._wallet_check_api()
        partner = self.browse(partner_id).exists() if isinstance(partner_id, int) else self.browse()
        if not partner:
            raise UserError(self.env._("Unknown customer or wallet."))
        if not isinstance(amount, (int, float)):
            raise UserError(self.env._("The top-up amount must be a positive number."))
        movement = partner.action_wallet_topup(float(amount), reference)
        return {"transaction_id": movement.id, "balance": movement.balance_after}

    def _wallet_check_api(self):
        if not self.env.user.has_group("wallet_loyalty.group_wallet_loyalty_api"):
            raise AccessError(self.env._("This API is reserved to the wallet API group."))
