from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    warranty_term_id = fields.Many2one("warranty.term", help="Warranty of the products of this category.")

    def _get_warranty_term(self):
        """The category's term, or the nearest parent's."""
        self.ensure_one()
        categ = self
        while categ and not categ.warranty_term_id:
            categ = categ.parent_id
        return categ.warranty_term_id
