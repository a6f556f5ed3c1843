from odoo.tests import TransactionCase


class WorkshopDataMixin:
    """A customer's vehicle, a storable part and a labour service (shared by the transaction and HTTP tests)."""

    @classmethod
    def _setup_workshop(cls):
        cls.company = cls.env.company
        cls.stock_location = (
            cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1).lot_stock_id
        )
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Marca prueba taller"})
        model = cls.env["fleet.vehicle.model"].create({"name": "Modelo prueba", "brand_id": brand.id})
        base = cls.env["fitment.base.vehicle"].create({"year": 2019, "model_id": model.id})
        cls.fitment_vehicle = cls.env["fitment.vehicle"].create({"base_vehicle_id": base.id})
        cls.customer = cls.env["res.partner"].create(
            {"name": "Cliente Taller", "phone": "55 1111 2222", "email": "cliente@example.com"}
        )
        cls.vehicle = cls.env["fleet.vehicle"].create(
            {"fitment_vehicle_id": cls.fitment_vehicle.id, "license_plate": "TST-001-A", "customer_id": cls.customer.id}
        )
        cls.part = cls.env["product.product"].create(
            {"name": "Balatas delanteras", "type": "consu", "is_storable": True, "list_price": 600.0}
        )
        cls.labour_product = cls.env["product.product"].create(
            {"name": "Hora de taller", "type": "service", "list_price": 400.0}
        )
        cls.stage = {s.code: s for s in cls.env["service.order.stage"].search([])}

    def _new_order(self, **vals):
        return self.env["service.order"].create({"vehicle_id": self.vehicle.id, **vals})


class ServiceOrderCommon(WorkshopDataMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_workshop()

    def _set_stock(self, product, qty):
        self.env["stock.quant"]._update_available_quantity(product, self.stock_location, qty)

    def _add_part(self, order, qty):
        return self.env["stock.move"].create(
            {
                "repair_id": order.repair_id.id,
                "product_id": self.part.id,
                "product_uom_qty": qty,
                "repair_line_type": "add",
            }
        )

    def _approve(self, order):
        order.write({"quote_approved_by": "Cliente Taller", "quote_approval_method": "phone"})
        order.action_approve_quote()

    def _walk(self, order, *codes):
        for code in codes:
            order.stage_id = self.stage[code]
