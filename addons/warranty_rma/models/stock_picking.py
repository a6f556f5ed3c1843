from odoo import api, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    @api.model
    def _create_picking_from_pos_order_lines(self, location_dest_id, lines, picking_type, partner=False):
        """A POS refund that resolves a warranty claim moves no stock: the failed part already came back
        through the claim's receipt into quarantine (a second return would put it in sellable stock)."""
        refunds = lines.order_id._warranty_claims_refunded().refund_pos_order_id
        lines = lines.filtered(lambda line: line.order_id not in refunds)
        return super()._create_picking_from_pos_order_lines(location_dest_id, lines, picking_type, partner=partner)
