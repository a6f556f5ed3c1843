from odoo import api, fields, models


class MxCfdiCatalog(models.Model):
    _name = "mx.cfdi.catalog"
    _description = "SAT CFDI catalogue entry"
    _order = "catalog, code"
    _rec_names_search = ["code", "name"]

    catalog = fields.Selection(
        [
            ("regimen_fiscal", "Tax regime"),
            ("uso_cfdi", "CFDI use"),
            ("forma_pago", "Payment form"),
            ("objeto_imp", "Tax object"),
            ("motivo_cancelacion", "Cancellation reason"),
            ("clave_prod_serv", "Product/service key"),
            ("clave_unidad", "Unit key"),
        ],
        required=True,
        index=True,
    )
    code = fields.Char(required=True)
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)

    _catalog_code_unique = models.Constraint("UNIQUE(catalog, code)", "A SAT code appears once per catalogue.")

    @api.depends("code", "name")
    def _compute_display_name(self):
        for entry in self:
            entry.display_name = f"{entry.code} - {entry.name}"
