from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib import rfc


class ResPartner(models.Model):
    _inherit = "res.partner"

    mx_cfdi_regimen_id = fields.Many2one("mx.cfdi.catalog", "Tax regime", domain=[("catalog", "=", "regimen_fiscal")])
    mx_cfdi_sat_name = fields.Char("Name at SAT", help="Legal name exactly as registered at SAT.")
    mx_cfdi_uso_id = fields.Many2one("mx.cfdi.catalog", "Default CFDI use", domain=[("catalog", "=", "uso_cfdi")])

    @api.constrains("vat", "country_id")
    def _check_mx_cfdi_rfc(self):
        for partner in self:
            if partner.country_id.code == "MX" and partner.vat and not rfc.is_valid(partner.vat):
                raise ValidationError(self.env._("The RFC %s is not valid (check digit included).", partner.vat))

    def _mx_cfdi_receptor(self, uso):
        self.ensure_one()
        name = self.mx_cfdi_sat_name or self.commercial_partner_id.name or ""
        return {
            "rfc": rfc.compact(self.vat),
            "nombre": name.upper(),
            "domicilio_fiscal_receptor": self.zip or "",
            "regimen_fiscal_receptor": self.mx_cfdi_regimen_id.code or "",
            "uso_cfdi": uso,
        }
