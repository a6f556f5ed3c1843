import xmlrpc.client
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestWalletApi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        api_group = cls.env.ref("wallet_loyalty.group_wallet_loyalty_api")
        cls.api_user = cls.env["res.users"].create(
            {"name": "Socio API", "login": "socio_api_wallet", "group_ids": [(6, 0, api_group.ids)]}
        )
        cls.no_api_user = cls.env["res.users"].create(
            {"name": "Sin API", "login": "sin_api_wallet", "group_ids": [(6, 0, cls.env.ref("base.group_user").ids)]}
        )
        cls.partner = cls.env["res.partner"].create({"name": "Cliente API"})
        cls.api_key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.api_user)
            ._generate(None, "wallet test", fields.Datetime.now() + timedelta(days=1))
        )
        cls.no_api_key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.no_api_user)
            ._generate(None, "no api", fields.Datetime.now() + timedelta(days=1))
        )

    def _call(self, user, key, method, *args):
        # self.xmlrpc_object is a real xmlrpc.client.ServerProxy (its transport adds the test-cursor cookie).
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, user.id, key, "res.partner", method, list(args))

    def test_topup_and_balance_over_xmlrpc(self):
        result = self._call(self.api_user, self.api_key, "wallet_api_topup", self.partner.id, 250.0, "ext-1")
        self.assertEqual(result["balance"], 250.0)
        # Same reference again: idempotent, not a second top-up.
        self._call(self.api_user, self.api_key, "wallet_api_topup", self.partner.id, 250.0, "ext-1")
        balances = self._call(self.api_user, self.api_key, "wallet_api_balance", [self.partner.id])
        self.assertEqual(balances[0]["balance"], 250.0)
        self.assertEqual(balances[0]["partner_id"], self.partner.id)

    def test_card_code_over_xmlrpc(self):
        self._call(self.api_user, self.api_key, "wallet_api_topup", self.partner.id, 40.0, "ext-card-1")
        code = self.partner._wallet_card().code
        result = self._call(self.api_user, self.api_key, "wallet_api_topup", code, 60.0, "ext-card-2")
        self.assertEqual(result["balance"], 100.0)
        balances = self._call(self.api_user, self.api_key, "wallet_api_balance", [code])
        self.assertEqual((balances[0]["partner_id"], balances[0]["card_code"]), (self.partner.id, code))
        with mute_logger("odoo.http", "odoo.service.model"), self.assertRaisesRegex(xmlrpc.client.Fault, "Unknown"):
            self._call(self.api_user, self.api_key, "wallet_api_balance", ["NO-EXISTE"])

    def test_bad_input_over_xmlrpc(self):
        with mute_logger("odoo.http", "odoo.service.model"):
            for args in (
                (self.partner.id, -5, "neg"),
                (self.partner.id, 10**9, "huge"),
                (self.partner.id, "10", "text"),
                (999999999, 10, "unk"),
            ):
                with self.assertRaises(xmlrpc.client.Fault):
                    self._call(self.api_user, self.api_key, "wallet_api_topup", *args)
            with self.assertRaises(xmlrpc.client.Fault):
                self._call(self.api_user, self.api_key, "wallet_api_balance", [999999999])
        self.assertFalse(self.env["wallet.transaction"].search([("partner_id", "=", self.partner.id)]))

    def test_user_without_api_group_refused(self):
        with mute_logger("odoo.http", "odoo.service.model"):
            with self.assertRaises(xmlrpc.client.Fault):
                self._call(self.no_api_user, self.no_api_key, "wallet_api_topup", self.partner.id, 10.0, "x")
            with self.assertRaises(xmlrpc.client.Fault):
                self._call(self.api_user, "wrong-key", "wallet_api_balance", [self.partner.id])
