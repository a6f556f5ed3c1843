from odoo import models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    def _warranty_lot_quantities(self):
        """(lot, quantity) pairs of the line: one per serial for tracked parts, else the whole line."""
        self.ensure_one()
        lot_names = self.pack_lot_ids.mapped("lot_name")
        if self.product_id.tracking == "none" or not lot_names:
            return [(self.env["stock.lot"], self.qty)]
        lots = (
            self.env["stock.lot"]
            .sudo()
            .search(
                [
                    ("product_id", "=", self.product_id.id),
                    ("name", "in", lot_names),
                    ("company_id", "in", [self.company_id.id, False]),
                ]
            )
        )
        if self.product_id.tracking == "serial":
            return [(lot, 1.0) for lot in lots] or [(self.env["stock.lot"], self.qty)]
        return [(lots[:1], self.qty)]
