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
        with self.assertRaises(UserError):
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
        with self.assertRaises(UserError):
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

    def test_other_company_cannot_see_the_ledger(self):
        self.partner.action_wallet_topup(100.0, "sec-4")
        other_company = self.env["res.company"].create({"name": "Otra sucursal"})
        groups = self.env.ref("point_of_sale.group_pos_user") | self.env.ref(
            "wallet_loyalty.group_wallet_loyalty_manager"
        )
        other_user = self.env["res.users"].create(
            {
                "name": "Gerente otra sucursal",
                "login": "gerente_otra_wallet",
                "company_id": other_company.id,
                "company_ids": [(6, 0, other_company.ids)],
                "group_ids": [(6, 0, groups.ids)],
            }
        )
        Transaction = self.env["wallet.transaction"].with_user(other_user)
        self.assertFalse(Transaction.search([("partner_id", "=", self.partner.id)]))
        self.assertFalse(self.env["wallet.tier"].with_user(other_user).search([("company_id", "=", self.company.id)]))
        # The balance is per company: the other company's wallet of the same customer is empty.
        self.assertEqual(self.partner.with_user(other_user).with_company(other_company).wallet_balance, 0.0)
        with self.assertRaises(AccessError):
            self.env["wallet.fiado.approval"].with_user(self.cashier).search([])

    def test_approval_pin_is_not_readable(self):
        self.env.user.wallet_pin = "2468"
        with self.assertRaises(AccessError):
            self.env.user.with_user(self.cashier).read(["wallet_pin_hash"])
        self.assertFalse(self.env.user.wallet_pin, "the PIN is never read back")

    def test_manager_sets_own_pin_only(self):
        groups = self.env.ref("point_of_sale.group_pos_user") | self.env.ref(
            "wallet_loyalty.group_wallet_loyalty_manager"
        )
        manager = self.env["res.users"].create(
            {
                "name": "Gerente sin admin",
                "login": "gerente_pin_wallet",
                "company_id": self.company.id,
                "company_ids": [(6, 0, self.company.ids)],
                "group_ids": [(6, 0, groups.ids)],
            }
        )
        manager.with_user(manager).write({"wallet_pin": "8642"})
        self.assertTrue(manager.sudo().wallet_pin_hash)
        with self.assertRaises(AccessError):
            self.cashier.with_user(manager).write({"wallet_pin": "1111"})
        with self.assertRaises(UserError):
            manager.with_user(manager).write({"wallet_pin": "12"})
        order_uuid = "11111111-2222-3333-4444-555555555555"
        result = self.config.with_user(self.cashier).wallet_fiado_approve(self.partner.id, 10.0, order_uuid, "8642")
        self.assertEqual((result["approved"], result["approver_id"]), (True, manager.id))
