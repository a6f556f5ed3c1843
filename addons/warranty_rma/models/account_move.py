from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    warranty_ids = fields.One2many("warranty.warranty", "invoice_id", groups="warranty_rma.group_warranty_rma_user")

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._warranty_register()
        return posted

    def _warranty_register(self):
        """Warranties of the products of posted customer invoices. Invoices of POS orders are skipped:
        the POS order registered them already. sudo: accountants register warranties as a side effect."""
        Warranty = self.env["warranty.warranty"].sudo()
        invoices = self.filtered(lambda m: m.move_type == "out_invoice" and not m.sudo().pos_order_ids)
        vals_list = []
        for invoice in invoices:
            vehicle = Warranty._partner_vehicle(invoice.partner_id)
            date_start = invoice.invoice_date or fields.Date.context_today(self)
            for line in invoice.invoice_line_ids.filtered(lambda li: li.display_type == "product" and li.quantity > 0):
                term = line.product_id.warranty_effective_term_id
                if not term:
                    continue
                vals = Warranty._prepare_vals(
                    term, line.product_id, line.quantity, invoice.partner_id, date_start, vehicle
                )
                vals.update(
                    invoice_line_id=line.id,
                    origin_ref=invoice.name,
                    origin_key=f"inv:{line.id}",
                    price_unit=line.price_unit * (1 - (line.discount or 0.0) / 100.0),
                    company_id=invoice.company_id.id,
                )
                vals_list.append(vals)
        if vals_list:
            existing = set(
                Warranty.search([("origin_key", "in", [v["origin_key"] for v in vals_list])]).mapped("origin_key")
            )
            Warranty.create([v for v in vals_list if v["origin_key"] not in existing])
