from odoo import api, fields, models


class PosTicketLine(models.Model):
    _name = "pos.ticket.line"
    _description = "QR ticket line"
    _order = "ticket_id, id"

    ticket_id = fields.Many2one("pos.ticket", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    order_line_id = fields.Many2one("pos.order.line", required=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True)
    # as sold: written once at creation, shown on every scan without computing display_name again
    product_name = fields.Char(string="Product as sold", readonly=True)
    pos_categ_ids = fields.Many2many(related="product_id.pos_categ_ids")
    qty_ordered = fields.Float(string="Ordered", digits="Product Unit", required=True)
    qty_delivered = fields.Float(string="Delivered", digits="Product Unit", default=0.0)
    qty_remaining = fields.Float(
        string="Remaining", digits="Product Unit", compute="_compute_qty_remaining", store=True
    )

    _qty_delivered_bounds = models.Constraint(
        "CHECK(qty_delivered >= 0 AND qty_delivered <= qty_ordered)",
        "A ticket line cannot deliver more than was ordered.",
    )

    @api.depends("qty_ordered", "qty_delivered")
    def _compute_qty_remaining(self):
        for line in self:
            line.qty_remaining = line.qty_ordered - line.qty_delivered

    def _public_data(self):
        # Read only what display_name and the categories need: this runs on every scan, and the
        # product/template full rows are wide (dozens of columns fetched and converted each time).
        # sudo: only the names of the products on lines the user can already read; as the user,
        # each read would also evaluate the product and company record rules again.
        products = self.product_id.sudo()
        unnamed = self.filtered(lambda line: not line.product_name).product_id.sudo()
        unnamed.fetch(["default_code", "product_tmpl_id", "product_template_attribute_value_ids"])
        unnamed.product_tmpl_id.fetch(["name"])
        products.product_tmpl_id.fetch(["pos_categ_ids"])
        return [
            {
                "id": line.id,
                "product": line.product_name or line.product_id.sudo().display_name,
                "pos_categ_ids": line.pos_categ_ids.ids,
                "qty_ordered": line.qty_ordered,
                "qty_delivered": line.qty_delivered,
                "qty_remaining": line.qty_remaining,
            }
            for line in self
        ]
