from odoo import api, fields, models
from odoo.fields import Command


class ResCompany(models.Model):
    _inherit = "res.company"

    wallet_program_id = fields.Many2one(
        "loyalty.program", domain="[('program_type', '=', 'ewallet')]", help="eWallet program holding the cards."
    )
    wallet_points_program_id = fields.Many2one(
        "loyalty.program", domain="[('program_type', '=', 'loyalty')]", help="Loyalty program holding the points."
    )
    wallet_points_rate = fields.Float(
        string="Points per peso",
        default=0.1,
        digits=(16, 4),
        help="Loyalty points per unit of currency spent at the POS (before the tier multiplier). 0 disables points.",
    )
    wallet_max_topup = fields.Monetary(
        string="Maximum top-up", default=50000.0, help="Top-ups above this amount are refused."
    )
    wallet_tier_ids = fields.One2many("wallet.tier", "company_id", string="Tiers")

    def _wallet_program(self):
        """Return the company's wallet program, creating a POS-hidden eWallet program on first use."""
        self.ensure_one()
        if not self.wallet_program_id:
            # sudo: programs are configuration; a cashier's first top-up may need to create it.
            self.sudo().wallet_program_id = self._wallet_create_program("ewallet", self.env._("Customer wallet"))
        return self.wallet_program_id

    def _wallet_points_program(self):
        """Return the company's points program (a POS-hidden `loyalty` program), created on first use."""
        self.ensure_one()
        if not self.wallet_points_program_id:
            # sudo: programs are configuration; the first paid order of a customer may need to create it.
            self.sudo().wallet_points_program_id = self._wallet_create_program("loyalty", self.env._("Customer points"))
        return self.wallet_points_program_id

    def _wallet_create_program(self, program_type, name):
        # Kept out of the POS and sales reward engines (pos_ok/sale_ok False): this addon moves the balance
        # and the points itself, in the order's own transaction. Odoo requires a reward: it stays unused.
        # sudo: see the callers.
        return (
            self.env["loyalty.program"]
            .sudo()
            .create(
                {
                    "name": name,
                    "program_type": program_type,
                    "company_id": self.id,
                    "currency_id": self.currency_id.id,
                    "pos_ok": False,
                    "sale_ok": False,
                    "trigger": "auto",
                    "applies_on": "future" if program_type == "ewallet" else "both",
                    "portal_visible": True,
                    "portal_point_name": self.currency_id.symbol if program_type == "ewallet" else name,
                    "rule_ids": [],
                    "reward_ids": [
                        Command.create(
                            {
                                "reward_type": "discount",
                                "discount_mode": "per_point",
                                "discount": 1,
                                "discount_applicability": "order",
                                "required_points": 1,
                                "description": name,
                            }
                        )
                    ],
                    "trigger_product_ids": [],
                }
            )
        )

    def _wallet_setup(self, pos_configs=None):
        """Create the wallet accounting of a company (idempotent) and add the wallet method to POS configs.

        Top-ups credit a customer-deposit liability account (income account of the top-up product); the
        wallet payment method uses a bank-type journal whose outstanding account is that same liability,
        so paying with the wallet consumes the deposit and never touches the cash count.
        """
        self.ensure_one()
        self._wallet_program()
        liability = self._wallet_liability_account()
        product = self.env.ref("wallet_loyalty.product_wallet_topup").with_company(self)
        product.product_tmpl_id.property_account_income_id = liability
        method = self.env["pos.payment.method"].search(
            [("is_wallet", "=", True), ("company_id", "=", self.id)], limit=1
        )
        if not method:
            journal = self.env["account.journal"].create(
                {"name": self.env._("Customer wallet"), "type": "bank", "code": "MONE", "company_id": self.id}
            )
            method = self.env["pos.payment.method"].create(
                {
                    "name": self.env._("Wallet"),
                    "journal_id": journal.id,
                    "outstanding_account_id": liability.id,
                    "is_wallet": True,
                    "company_id": self.id,
                }
            )
        for config in pos_configs or []:
            config.payment_method_ids |= method
        return method

    def _wallet_liability_account(self):
        Account = self.env["account.account"].with_company(self)
        account = Account.search([("code", "=", "206.99.01"), ("company_ids", "in", self.id)], limit=1)
        return account or Account.create(
            {
                "name": self.env._("Customer wallet deposits"),
                "code": "206.99.01",
                "account_type": "liability_current",
                "company_ids": [Command.set(self.ids)],
            }
        )

    @api.model
    def _wallet_load_demo(self):
        main = self.env.ref("base.main_company")
        configs = self.env["pos.config"].search([("company_id", "=", main.id)])
        main._wallet_setup(configs.filtered(lambda c: c.name == "Mostrador") or configs)
        # Demo approval PIN of the administrator for sales over a store credit limit.
        self.env.ref("base.user_admin").wallet_pin = "1234"
        partners = self.env["res.partner"].with_company(main)
        for xmlid, amount in (("partner_wallet_demo_1", 1500.0), ("partner_wallet_demo_2", 350.0)):
            partner = partners.browse(self.env.ref(f"wallet_loyalty.{xmlid}").id)
            partner.action_wallet_topup(amount, f"demo:{xmlid}", note="Demo")
        bar = self.env.ref("pos_tickets_qr.bar_demo_company", raise_if_not_found=False)
        if bar and bar.chart_template:
            bar_configs = self.env["pos.config"].search([("company_id", "=", bar.id), ("name", "=", "Barra")])
            self.with_company(bar).browse(bar.id)._wallet_setup(bar_configs)
