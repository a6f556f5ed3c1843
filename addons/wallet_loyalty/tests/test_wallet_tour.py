from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestWalletTour(TestPointOfSaleHttpCommon):
    def _balata(self):
        return self.env["product.product"].create(
            {
                "name": "Balata tour",
                "list_price": 100.0,
                "reference_price": 120.0,
                "available_in_pos": True,
                "taxes_id": [(5, 0, 0)],
            }
        )

    def test_wallet_tour(self):
        company = self.main_pos_config.company_id
        wallet_pm = company._wallet_setup(self.main_pos_config)
        topup = self.env.ref("wallet_loyalty.product_wallet_topup")
        # The common setup archives every product; the tour sells the top-up product by this name.
        topup.product_tmpl_id.write(
            {"name": "Recarga monedero", "active": True, "available_in_pos": True, "sale_ok": True}
        )
        self._balata()
        partner = self.env["res.partner"].create({"name": "Cliente Tour"})
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_tour(f"/pos/ui?config_id={self.main_pos_config.id}", "WalletLoyaltyTour", login="pos_user")
        partner = partner.with_company(company)
        self.assertEqual(partner.wallet_balance, 300.0)
        movements = self.env["wallet.transaction"].search([("partner_id", "=", partner.id)], order="id")
        self.assertEqual(movements.mapped("movement_type"), ["topup", "payment", "refund"])
        self.assertEqual(movements.mapped("amount"), [300.0, -100.0, 100.0])
        self.assertTrue(all(m.pos_order_id for m in movements))
        self.assertIn(wallet_pm, movements.pos_payment_id.payment_method_id)

    def test_fiado_pin_and_tier_discount_tour(self):
        company = self.main_pos_config.company_id
        customer_account = self.env["pos.payment.method"].create(
            {"name": "Customer Account", "split_transactions": True, "company_id": company.id}
        )
        self.main_pos_config.payment_method_ids |= customer_account
        self._balata()
        gold = (
            self.env["wallet.tier"]
            .sudo()
            .create({"name": "Oro", "code": "gold", "min_spend": 0, "discount_percent": 5.0, "company_id": company.id})
        )
        partner = self.env["res.partner"].with_company(company).create({"name": "Cliente Oro"})
        partner.sudo().write({"fiado_limit": 50.0})
        partner._wallet_recompute_tier()
        self.assertEqual(partner.wallet_tier_id, gold)
        self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "company_id": company.id,
                "invoice_line_ids": [(0, 0, {"name": "Deuda anterior", "price_unit": 10.0, "tax_ids": []})],
            }
        ).action_post()
        manager = self.env["res.users"].create(
            {
                "name": "Gerente Tour",
                "login": "gerente_tour_wallet",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "group_ids": [(6, 0, self.env.ref("point_of_sale.group_pos_manager").ids)],
            }
        )
        manager.sudo().wallet_pin = "4321"
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_tour(f"/pos/ui?config_id={self.main_pos_config.id}", "WalletFiadoTierTour", login="pos_user")
        order = self.main_pos_config.current_session_id.order_ids.filtered(lambda o: o.partner_id == partner)
        self.assertEqual(len(order), 1)
        self.assertEqual(order.amount_total, 95.0)
        self.assertEqual(order.fiado_approver_id, manager)
        self.assertEqual(order.payment_ids.payment_method_id, customer_account)
