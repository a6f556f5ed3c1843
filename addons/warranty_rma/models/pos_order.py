from odoo import api, fields, models


class PosOrder(models.Model):
    _inherit = "pos.order"

    warranty_ids = fields.One2many("warranty.warranty", "pos_order_id", groups="warranty_rma.group_warranty_rma_user")

    @api.model
    def _process_order(self, order, existing_order):
        order_id = super()._process_order(order, existing_order)
        order = self.browse(order_id)
        order._warranty_register()
        order._warranty_keep_refund_link()
        return order_id

    def _warranty_claims_refunded(self):
        """Claims resolved by these refund orders. The link lives on the claim, which the POS never writes.
        sudo: the cashier paying the refund out may not be a warranty clerk."""
        return self.env["warranty.claim"].sudo().search([("refund_pos_order_id", "in", self.ids)])

    def _warranty_keep_refund_link(self):
        """A warranty refund paid out in the POS comes back without the link to the sold line (the POS does
        not load the past order): restore it, so the sale shows as refunded and cannot be refunded twice."""
        for claim in self._warranty_claims_refunded():
            sold_line = claim.warranty_id.pos_order_line_id
            lines = claim.refund_pos_order_id.lines.filtered(
                lambda line, claim=claim: (
                    line.product_id == claim.product_id and line.qty < 0 and not line.refunded_orderline_id
                )
            )
            lines.sudo().refunded_orderline_id = sold_line  # sudo: see above, a cashier syncs the order

    def _warranty_vehicle(self):
        """The order's vehicle when autoparts_fitment puts one on pos.order, else the customer's only car."""
        self.ensure_one()
        for field in self._fields.values():
            if field.type == "many2one" and field.comodel_name == "fleet.vehicle" and self[field.name]:
                return self[field.name]
        return self.env["warranty.warranty"]._partner_vehicle(self.partner_id)

    def _warranty_register(self):
        """Create the warranties of the paid lines. Idempotent: keyed by line uuid (and serial), so a
        re-synced order never registers twice. sudo: any cashier registers warranties as a side effect of
        the sale, without being a warranty clerk."""
        Warranty = self.env["warranty.warranty"].sudo()
        for order in self.filtered(lambda o: o.state in ("paid", "done", "invoiced")):
            lines = order.lines.filtered(
                lambda li: li.qty > 0 and not li.refunded_orderline_id and li.product_id.warranty_effective_term_id
            )
            if not lines:
                continue  # most tickets: no vehicle lookup, no query on the sync path
            vals_list = []
            vehicle = order._warranty_vehicle()
            date_start = fields.Date.context_today(self, order.date_order)
            for line in lines:
                term = line.product_id.warranty_effective_term_id
                for lot, qty in line._warranty_lot_quantities():
                    vals = Warranty._prepare_vals(
                        term, line.product_id, qty, order.partner_id, date_start, vehicle, lot
                    )
                    vals.update(
                        pos_order_line_id=line.id,
                        origin_ref=order.pos_reference or order.name,
                        origin_key=f"pos:{line.uuid}:{lot.name or ''}",
                        price_unit=line.price_unit * (1 - (line.discount or 0.0) / 100.0),
                        company_id=order.company_id.id,
                    )
                    vals_list.append(vals)
            existing = set(
                Warranty.search([("origin_key", "in", [v["origin_key"] for v in vals_list])]).mapped("origin_key")
            )
            Warranty.create([v for v in vals_list if v["origin_key"] not in existing])
