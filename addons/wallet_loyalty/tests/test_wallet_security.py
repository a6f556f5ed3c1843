from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WalletPosCommon


@tagged("post_install", "-at_install")
class TestWalletSecurity(WalletPosCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = cls.env.ref("point_of_sale.group_pos_user") | cls.env.ref("wallet_loyalty.group_wallet_loyalty_user")
        cls.cashier = cls.env["res.users"].create(
            {
                "name": "Cajero",
                "login": "cajero_wallet",
                "company_id": cls.company.id,
                "company_ids": [(6, 0, cls.company.ids)],
                "group_ids": [(6, 0, groups.ids)],
            }
        )
        cls.plain_user = cls.env["res.users"].create(
            {
                "name": "Sin permiso",
                "login": "sin_permiso_wallet",
                "company_id": cls.company.id,
                "company_ids": [(6, 0, cls.company.ids)],
                "group_ids": [(6, 0, cls.env.ref("base.group_user").ids)],
            }
        )

    def test_cashier_cannot_edit_ledger(self):
        self.partner.action_wallet_topup(100.0, "sec-1")
        move = self.env["wallet.transaction"].with_user(self.cashier).search([("partner_id", "=", self.partner.id)])
        self.assertEqual(move.amount, 100.0, "the cashier reads the ledger")
        with self.assertRaises(AccessError):
            move.write({"amount": 1000.0})
        with self.assertRaises(AccessError):
            move.unlink()
        with self.assertRaises((AccessError, UserError)):
            self.env["wallet.transaction"].with_user(self.cashier).create(
                {
                    "card_id": move.card_id.id,
                    "partner_id": self.partner.id,
                    "company_id": self.company.id,
                    "movement_type": "adjustment",
                    "amount": 500.0,
                    "key": "forged",
                }
            )
        with self.assertRaises((AccessError, UserError)):
            move.card_id.with_user(self.cashier).points = 9999

    def test_cashier_tops_up_but_cannot_change_credit_limit(self):
        partner = self.partner.with_user(self.cashier).with_company(self.company)
        partner.action_wallet_topup(50.0, "sec-2")
        self.assertEqual(self.balance(), 50.0)
        with self.assertRaises(AccessError):
            partner.fiado_limit = 100000.0

    def test_user_without_group_refused(self):
        with self.assertRaises(AccessError):
            self.partner.with_user(self.plain_user).action_wallet_topup(50.0, "sec-3")
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.plain_user).wallet_api_balance([self.partner.id])
        with self.assertRaises(AccessError):
            self.env["wallet.transaction"].with_user(self.plain_user).search([])
