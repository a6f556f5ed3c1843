from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    warranty_term_id = fields.Many2one("warranty.term", help="Overrides the warranty of the product category.")
    warranty_effective_term_id = fields.Many2one(
        "warranty.term", string="Effective warranty", compute="_compute_warranty_effective_term_id"
    )
    warranty_months = fields.Integer(compute="_compute_warranty_effective_term_id")
    warranty_brand = fields.Char(
        string="Brand", help="Manufacturer brand of the part, for warranty claim-rate reports."
    )

    @api.depends(
        "warranty_term_id.months",
        "categ_id.warranty_term_id.months",
        "categ_id.parent_id.warranty_term_id.months",
    )
    def _compute_warranty_effective_term_id(self):
        for template in self:
            term = template.warranty_term_id or (template.categ_id._get_warranty_term() if template.categ_id else False)
            template.warranty_effective_term_id = term
            template.warranty_months = term.months if term else 0

    @api.model
    def _load_pos_data_fields(self, config):
        return [*super()._load_pos_data_fields(config), "warranty_months"]
