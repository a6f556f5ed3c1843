from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestWalletTour(TestPointOfSaleHttpCommon):
    def test_wallet_tour(self):
        company = self.main_pos_config.company_id
        wallet_pm = company._wallet_setup(self.main_pos_config)
        topup = self.env.ref("wallet_loyalty.product_wallet_topup")
        # The common setup archives every product; the tour sells the top-up product by this name.
        topup.write({"name": "Recarga monedero", "active": True})
        self.env["product.product"].create(
            {
                "name": "Balata tour",
                "list_price": 100.0,
                "reference_price": 120.0,
                "available_in_pos": True,
                "taxes_id": [(5, 0, 0)],
            }
        )
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
