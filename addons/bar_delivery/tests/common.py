from odoo import Command
from odoo.addons.pos_tickets_qr.tests.common import PosTicketsCommon


class BarDeliveryCommon(PosTicketsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(su=True)  # setup data only: the test user is no HR officer
        company = cls.main_pos_config.company_id
        cls.bartender_user = env["res.users"].create(
            {
                "name": "Bar tablet",
                "login": "bar_tablet",
                "password": "bar_tablet",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "group_ids": [Command.set([env.ref("bar_delivery.group_bar_delivery_bartender").id])],
            }
        )
        cls.ana = env["hr.employee"].create({"name": "Ana QR", "pin": "1234", "company_id": company.id})
        cls.luis = env["hr.employee"].create({"name": "Luis QR", "pin": "5678", "company_id": company.id})
        cls.categ_cocktails = env["pos.category"].create({"name": "Cocktails QR"})
        cls.mojito.pos_categ_ids = cls.categ_cocktails
        cls.station = env["bar.station"].create(
            {
                "name": "Main bar",
                "company_id": company.id,
                "pos_categ_ids": [Command.set((cls.categ_drinks | cls.categ_cocktails).ids)],
                "employee_ids": [Command.set((cls.ana | cls.luis).ids)],
            }
        )
        cls.beer_station = env["bar.station"].create(
            {
                "name": "Beer corner",
                "company_id": company.id,
                "pos_categ_ids": [Command.set(cls.categ_drinks.ids)],
            }
        )

    def _call(self, route, payload, station=None, employee=None, pin=None, **params):
        employee = employee or self.ana
        params.update(
            {
                "payload": payload,
                "station_id": (station or self.station).id,
                "employee_id": employee.id,
                "pin": pin or employee.pin,
            }
        )
        return self._jsonrpc(f"/bar_delivery/{route}", params)["result"]

    def _line(self, ticket, product):
        return ticket.line_ids.filtered(lambda line: line.product_id == product)
