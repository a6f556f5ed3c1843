from odoo.addons.point_of_sale.tests.common import TestPoSCommon
from odoo.fields import Command


class WarrantyCommon(TestPoSCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.group_ids |= cls.env.ref("warranty_rma.group_warranty_rma_manager") | cls.env.ref(
            "fleet.fleet_group_manager"
        )
        cls.config = cls.basic_config
        cls.term_24m = cls.env["warranty.term"].create(
            {"name": "24 meses", "months": 24, "conditions": "Uso normal", "exclusions": "Golpes"}
        )
        cls.term_km = cls.env["warranty.term"].create({"name": "12 meses o 20,000 km", "months": 12, "km": 20000})
        cls.categ_electric = cls.env["product.category"].create(
            {"name": "Eléctrico", "warranty_term_id": cls.term_km.id}
        )
        cls.vendor = cls.env["res.partner"].create({"name": "Proveedor Bosch"})
        cls.alternator = cls.create_product("Alternador", cls.categ_electric, 2500.0, 1500.0)
        cls.alternator.seller_ids = [Command.create({"partner_id": cls.vendor.id, "price": 1400.0})]
        cls.alternator.warranty_brand = "Bosch"
        cls.battery = cls.create_product("Batería", cls.categ_basic, 1800.0, 1200.0)
        cls.battery.warranty_term_id = cls.term_24m
        cls.oil = cls.create_product("Aceite", cls.categ_basic, 150.0, 90.0)
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Nissan"})
        model = cls.env["fleet.vehicle.model"].create({"name": "Tsuru", "brand_id": brand.id})
        cls.vehicle = cls.env["fleet.vehicle"].create(
            {"model_id": model.id, "customer_id": cls.customer.id, "license_plate": "ABC1234"}
        )
        cls.vehicle.odometer = 50000

    def _sync_pos_order(self, lines, uuid=None, **kw):
        data = self.create_ui_order_data(lines, customer=self.customer, uuid=uuid, **kw)
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"]), data

    @classmethod
    def _post_invoice(cls, product, quantity=1.0, price=None):
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": product.id, "quantity": quantity, "price_unit": price or product.lst_price}
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    def _claim(self, warranty, **vals):
        return self.env["warranty.claim"].create({"warranty_id": warranty.id, "reason": "No carga", **vals})
