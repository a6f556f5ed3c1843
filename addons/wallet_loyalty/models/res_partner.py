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
    wallet_tier_discount = fields.Float(related="wallet_tier_id.discount_percent", string="Tier discount (%)")
    wallet_points = fields.Float(compute="_compute_wallet_balance", string="Loyalty points")
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
        points = {}
        if company.wallet_points_program_id:
            # sudo: same as above, for the points card.
            groups = (
                self.env["loyalty.card"]
                .sudo()
                ._read_group(
                    [("partner_id", "in", self.ids), ("program_id", "=", company.wallet_points_program_id.id)],
                    ["partner_id"],
                    ["points:sum"],
                )
            )
            points = {partner.id: total for partner, total in groups}
        for partner in self:
            partner.wallet_balance = balances.get(partner.id, 0.0)
            partner.wallet_points = points.get(partner.id, 0.0)
            partner.wallet_currency_id = company.currency_id

    @api.depends_context("company")
    def _compute_fiado_due(self):
        dues = self._fiado_dues()
        for partner in self:
            partner.fiado_due = dues.get(partner.commercial_partner_id.id, 0.0)

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

    def _fiado_dues(self, exclude_order=None):
        """{commercial partner id: debt}: posted receivable plus Customer Account payments of POS orders
        not posted yet (open sessions), in the current company. Batched: the POS loads it for every customer."""
        commercials = self.commercial_partner_id
        if not commercials:
            return {}
        company = self.env.company
        # sudo: a cashier must know the debt to enforce the limit without accounting rights.
        posted = commercials.sudo().with_company(company)
        dues = {partner.id: partner.credit for partner in posted}
        groups = (
            self.env["pos.payment"]
            .sudo()
            ._read_group(
                [
                    ("pos_order_id.partner_id.commercial_partner_id", "in", commercials.ids),
                    ("pos_order_id.state", "=", "paid"),
                    ("payment_method_id.journal_id", "=", False),  # type pay_later (not stored)
                    ("company_id", "=", company.id),
                    ("pos_order_id", "!=", exclude_order.id if exclude_order else False),
                ],
                ["partner_id"],
                ["amount:sum"],
            )
        )
        for partner, amount in groups:
            key = partner.commercial_partner_id.id
            dues[key] = dues.get(key, 0.0) + amount
        return dues

    def _fiado_current_due(self, exclude_order=None):
        """Debt of this customer (its commercial entity) in the current company, without `exclude_order`."""
        self.ensure_one()
        return self._fiado_dues(exclude_order).get(self.commercial_partner_id.id, 0.0)

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

    def _wallet_points_card(self):
        """The partner's loyalty points card in the current company, created on first use."""
        self.ensure_one()
        program = self.env.company._wallet_points_program()
        # sudo: cards are created and read by the system when a paid order earns points.
        Card = self.env["loyalty.card"].sudo()
        card = Card.search([("program_id", "=", program.id), ("partner_id", "=", self.id)], limit=1)
        return card or Card.create({"program_id": program.id, "partner_id": self.id})

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

    def _wallet_credit(self, amount, company, reason, origin):
        """Credit `amount` to this customer's wallet in `company`, once per `origin`; public API for other addons.

        For instance a warranty claim resolved as store credit:
        ``partner._wallet_credit(350.0, claim.company_id, "Garantía RMA/0007", "warranty_rma:rma.claim:7")``.

        :param float amount: positive amount in the company currency (at most the company's maximum top-up)
        :param company: res.company record whose wallet is credited
        :param str reason: human-readable text shown in the ledger and on the customer's portal
        :param str origin: unique, stable reference of the source document (e.g. ``"<model>:<id>"``); calling
            again with the same origin returns the first movement and credits nothing more
        :return: the ``wallet.transaction`` record (movement type "credit", ``balance_after`` = new balance)
        :raise UserError: amount not positive or over the maximum, or empty origin (nothing is written)

        No accounting entry is made here: the caller books the counterpart (e.g. a credit note or an expense
        against the customer-deposit liability account of the wallet, ``company._wallet_liability_account()``).
        No access right is checked: callers are server-side code that already checked theirs.
        """
        self.ensure_one()
        if not origin:
            raise UserError(self.env._("A wallet credit needs the reference of its origin."))
        partner = self.with_company(company)
        partner._wallet_check_topup(amount)
        card = partner._wallet_card()
        key = f"credit:{company.id}:{origin}"
        return partner.env["wallet.transaction"]._post(card, float(amount), "credit", key, note=reason or origin)

    # ------------------------------------------------------------------ tiers
    def _wallet_recompute_tier(self):
        company = self.env.company
        tiers = self.env["wallet.tier"].sudo().search([("company_id", "=", company.id)])
        if not tiers:
            return
        since = fields.Datetime.now() - timedelta(days=365)
        # Spend = what the customer bought: order lines except wallet top-ups (a deposit is not a purchase).
        groups = (
            self.env["pos.order.line"]
            .sudo()
            ._read_group(
                [
                    ("order_id.partner_id", "in", self.ids),
                    ("order_id.company_id", "=", company.id),
                    ("order_id.state", "in", ("paid", "done", "invoiced")),
                    ("order_id.date_order", ">=", since),
                    ("product_id.is_wallet_topup", "=", False),
                ],
                ["order_id.partner_id"],
                ["price_subtotal_incl:sum"],
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
        # sudo: a nightly system job over every company that has tiers.
        Partner = self.sudo()
        for company in Partner.env["wallet.tier"].search([]).company_id:
            Partner = Partner.with_company(company)
            partners = Partner.env["pos.order"].search([("company_id", "=", company.id)]).partner_id
            partners |= Partner.search([("wallet_tier_id", "!=", False)])
            partners.with_company(company)._wallet_recompute_tier()
            _logger.info("Wallet tiers recomputed for %s customers of %s", len(partners), company.name)

    # -------------------------------------------------------------------- POS
    @api.model
    def _load_pos_data_fields(self, config):
        return [
            *super()._load_pos_data_fields(config),
            "wallet_balance",
            "wallet_points",
            "wallet_tier_name",
            "wallet_tier_discount",
            "fiado_limit",
            "fiado_due",
        ]

    # -------------------------------------------------------------------- API
    @api.model
    def wallet_api_balance(self, partner_refs):
        """XML-RPC: balance, points, tier and store credit of customers given by id or wallet card code."""
        self._wallet_check_api()
        partners = [self._wallet_api_partner(ref) for ref in partner_refs]
        return [
            {
                "partner_id": p.id,
                "card_code": p._wallet_card(create=False).code or False,
                "balance": p.wallet_balance,
                "points": p.wallet_points,
                "tier": p.wallet_tier_id.code or False,
                "fiado_limit": p.fiado_limit,
                "fiado_due": p.fiado_due,
            }
            for p in partners
        ]

    @api.model
    def wallet_api_topup(self, partner_ref, amount, reference):
        """XML-RPC: post a top-up to a customer (id or wallet card code); idempotent on `reference`."""
        self._wallet_check_api()
        partner = self._wallet_api_partner(partner_ref)
        if isinstance(amount, bool) or not isinstance(amount, (int, float)):
            raise UserError(self.env._("The top-up amount must be a positive number."))
        movement = partner.action_wallet_topup(float(amount), reference)
        return {"transaction_id": movement.id, "balance": movement.balance_after}

    @api.model
    def _wallet_api_partner(self, ref):
        """The customer of an API call: a partner id, or the code of a wallet card of the current company."""
        partner = self.browse()
        if isinstance(ref, int) and not isinstance(ref, bool):
            partner = self.browse(ref).exists()
        elif isinstance(ref, str) and ref.strip():
            program = self.env.company.wallet_program_id
            # sudo: API users look cards up by code without reading loyalty programs.
            card = (
                self.env["loyalty.card"].sudo().search([("program_id", "=", program.id), ("code", "=", ref.strip())])
                if program
                else self.env["loyalty.card"]
            )
            partner = self.browse(card.partner_id.id).exists() if len(card) == 1 else partner
        if not partner:
            raise UserError(self.env._("Unknown customer or wallet card: %(ref)s.", ref=ref))
        return partner.with_company(self.env.company)

    def _wallet_check_api(self):
        if not self.env.user.has_group("wallet_loyalty.group_wallet_loyalty_api"):
            raise AccessError(self.env._("This API is reserved to the wallet API group."))
