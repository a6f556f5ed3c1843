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

    @api.model
    def _load_pos_data_fields(self, config):
        return [*super()._load_pos_data_fields(config), "mx_cfdi_sat_name", "mx_cfdi_regimen_id", "mx_cfdi_uso_id"]

    def _mx_cfdi_invoice_problems(self):
        """Spanish list of what keeps this customer from a named CFDI, or an empty string."""
        self.ensure_one()
        problems = []
        if not self.vat or not rfc.is_valid(self.vat):
            problems.append(self.env._("a valid RFC"))
        elif rfc.is_generic(self.vat):
            problems.append(self.env._("an RFC of their own (the generic RFC is for the global invoice)"))
        if not (self.zip and len(self.zip) == 5 and self.zip.isdigit()):
            problems.append(self.env._("the fiscal postal code"))
        if not self.mx_cfdi_regimen_id:
            problems.append(self.env._("the tax regime"))
        if not problems:
            return ""
        return self.env._("missing %s.", ", ".join(problems))

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
