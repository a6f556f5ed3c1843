from odoo import api, fields, models

from ..lib.normalize import normalize_part_number


class FitmentInterchange(models.Model):
    """Another number the same part is known by: the OEM number or another brand's."""

    _name = "fitment.interchange"
    _description = "Interchange number"
    _order = "kind, brand, number"

    product_tmpl_id = fields.Many2one("product.template", string="Part", required=True, index=True, ondelete="cascade")
    number = fields.Char(required=True)
    number_normalized = fields.Char(compute="_compute_number_normalized", store=True, index=True)
    brand = fields.Char(help="Brand of this number, e.g. Bosch, Gonher, Volkswagen")
    kind = fields.Selection([("oem", "OEM"), ("aftermarket", "Aftermarket")], default="aftermarket", required=True)

    _number_uniq = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (product_tmpl_id, number_normalized, brand)",
        "This interchange number is already on the part.",
    )

    @api.depends("number")
    def _compute_number_normalized(self):
        for interchange in self:
            interchange.number_normalized = normalize_part_number(interchange.number)
