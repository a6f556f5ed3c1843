from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    mx_cfdi_clave_prod_serv = fields.Char("SAT product/service key", size=8, default="01010101")
    mx_cfdi_clave_unidad = fields.Char("SAT unit key", size=3, default="H87")
    mx_cfdi_objeto_imp = fields.Selection(
        [("01", "01 - Not subject to tax"), ("02", "02 - Subject to tax"), ("03", "03 - Subject, not required")],
        "Tax object",
        default="02",
    )
