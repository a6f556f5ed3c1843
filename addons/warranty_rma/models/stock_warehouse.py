from odoo import fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    warranty_quarantine_location_id = fields.Many2one(
        "stock.location",
        string="Warranty quarantine",
        check_company=True,
        help="Where parts returned under warranty wait for inspection (not sellable stock).",
    )

    def _get_warranty_quarantine_location(self):
        """The warehouse's quarantine location, created on first use outside the sellable stock."""
        self.ensure_one()
        if not self.warranty_quarantine_location_id:
            # sudo: a clerk receiving the first claim of a warehouse may not manage locations
            self.sudo().warranty_quarantine_location_id = (
                self.env["stock.location"]
                .sudo()
                .create(
                    {
                        "name": self.env._("Warranty quarantine"),
                        "usage": "internal",
                        "location_id": self.view_location_id.id,
                        "company_id": self.company_id.id,
                    }
                )
            )
        return self.warranty_quarantine_location_id
