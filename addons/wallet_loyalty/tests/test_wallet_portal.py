from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWalletPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        Partner = cls.env["res.partner"].with_company(cls.company)
        cls.customer = Partner.create({"name": "Cliente Portal", "email": "cliente.portal@example.com"})
        cls.other = Partner.create({"name": "Otro Cliente"})
        cls.portal_user = cls.env["res.users"].create(
            {
                "name": "Cliente Portal",
                "login": "cliente_portal_wallet",
                "password": "cliente_portal_wallet",
                "partner_id": cls.customer.id,
                "group_ids": [(6, 0, cls.env.ref("base.group_portal").ids)],
            }
        )
        cls.customer.action_wallet_topup(432.10, "portal-1", note="Recarga portal")
        cls.other.action_wallet_topup(999.0, "portal-2", note="Movimiento ajeno")

    def test_portal_shows_own_wallet_only(self):
        self.authenticate("cliente_portal_wallet", "cliente_portal_wallet")
        response = self.url_open("/my/wallet")
        self.assertEqual(response.status_code, 200)
        self.assertIn("432.10", response.text)
        self.assertIn("Recarga portal", response.text)
        self.assertNotIn("Movimiento ajeno", response.text)
        home = self.url_open("/my")
        self.assertIn("/my/wallet", home.text)

    def test_portal_user_reads_only_own_movements(self):
        movements = self.env["wallet.transaction"].with_user(self.portal_user).search([])
        self.assertEqual(movements.partner_id, self.customer)

    def test_wallet_page_needs_login(self):
        response = self.url_open("/my/wallet", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
