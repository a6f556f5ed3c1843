import uuid

from odoo import Command
from odoo.addons.point_of_sale.tests.common import TestPoSCommon


class WalletPosCommon(TestPoSCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.group_ids |= cls.env.ref("wallet_loyalty.group_wallet_loyalty_manager")
        cls.config = cls.basic_config
        cls.wallet_pm = cls.company._wallet_setup(cls.config)
        cls.topup_product = cls.env.ref("wallet_loyalty.product_wallet_topup")
        cls.product = cls.create_product("Balata delantera", cls.categ_basic, 100.0)
        cls.product.reference_price = 120.0
        cls.partner = cls.env["res.partner"].create({"name": "Cliente Monedero"})
        cls.env["wallet.tier"].create(
            [
                {"name": "Bronce", "code": "bronze", "min_spend": 0, "company_id": cls.company.id},
                {"name": "Plata", "code": "silver", "min_spend": 500, "company_id": cls.company.id},
                {"name": "Oro", "code": "gold", "min_spend": 2000, "company_id": cls.company.id},
                {"name": "Platino", "code": "platinum", "min_spend": 5000, "company_id": cls.company.id},
            ]
        )

    def setUp(self):
        super().setUp()
        self.open_new_session()

    def _order(self, lines, payments, partner=None, **kwargs):
        data = self.create_ui_order_data(lines, customer=partner or self.partner, payments=payments, **kwargs)
        for payment in data["payment_ids"]:
            payment[2]["uuid"] = str(uuid.uuid4())
        data["access_token"] = str(uuid.uuid4())  # the POS sends it; a second sync of a draft needs it
        return data

    def _topup_line(self, amount):
        return {"product": self.topup_product, "quantity": 1, "price_unit": amount}

    def _sync(self, *orders):
        result = self.env["pos.order"].sync_from_ui(list(orders))
        return self.env["pos.order"].browse([o["id"] for o in result["pos.order"]])

    def _topup(self, amount, partner=None):
        data = self.create_ui_order_data([(self.topup_product, 1)], customer=partner or self.partner, payments=[])
        line = data["lines"][0][2]
        line.update(price_unit=amount, price_subtotal=amount, price_subtotal_incl=amount)
        data.update(amount_total=amount, amount_paid=amount, amount_tax=0)
        data["payment_ids"] = [Command.create({"amount": amount, "payment_method_id": self.cash_pm1.id})]
        return self._sync(data)

    def balance(self, partner=None):
        partner = (partner or self.partner).with_company(self.company)
        partner.invalidate_recordset(["wallet_balance"])
        return partner.wallet_balance
