import logging

from odoo import api, fields, models

from ..lib import builder

_logger = logging.getLogger(__name__)
MANAGER = "mx_cfdi.group_mx_cfdi_manager"


class ResCompany(models.Model):
    _inherit = "res.company"

    mx_cfdi_regimen_id = fields.Many2one("mx.cfdi.catalog", "Tax regime", domain=[("catalog", "=", "regimen_fiscal")])
    mx_cfdi_lugar_expedicion = fields.Char("Place of issue (postal code)", size=5)
    mx_cfdi_cer = fields.Binary("CSD certificate (.cer)", groups=MANAGER, attachment=True)
    mx_cfdi_key = fields.Binary("CSD private key (.key)", groups=MANAGER, attachment=True)
    mx_cfdi_password = fields.Char("CSD key password", groups=MANAGER)
    mx_cfdi_certificate_number = fields.Char(compute="_compute_mx_cfdi_certificate", store=True)
    mx_cfdi_certificate_expiry = fields.Datetime(compute="_compute_mx_cfdi_certificate", store=True)
    mx_cfdi_pac = fields.Selection(
        [("demo", "Demo (no fiscal value)"), ("finkok", "Finkok"), ("sw", "SW Sapien")], "PAC", default="demo"
    )
    mx_cfdi_pac_url = fields.Char("PAC base URL", groups=MANAGER)
    mx_cfdi_pac_username = fields.Char("PAC user", groups=MANAGER)
    mx_cfdi_pac_password = fields.Char("PAC password", groups=MANAGER)

    @api.depends("mx_cfdi_cer")
    def _compute_mx_cfdi_certificate(self):
        # sudo: the certificate is a manager-only field; number and expiry are public data
        for company in self.sudo():
            company.mx_cfdi_certificate_number = False
            company.mx_cfdi_certificate_expiry = False
            if not company.mx_cfdi_cer:
                continue
            info = builder.certificate_info(company._mx_cfdi_raw("mx_cfdi_cer"))
            if not info:
                _logger.warning("Company %s: unreadable CSD certificate", company.id)
                continue
            company.mx_cfdi_certificate_number, company.mx_cfdi_certificate_expiry = info

    def _mx_cfdi_raw(self, field):
        import base64

        return base64.b64decode(self.sudo()[field])

    def _mx_cfdi_signer(self):
        # sudo: sealing runs for cashiers and crons; the key never leaves this method
        company = self.sudo()
        return builder.load_signer(
            company._mx_cfdi_raw("mx_cfdi_cer"), company._mx_cfdi_raw("mx_cfdi_key"), company.mx_cfdi_password
        )

    def _mx_cfdi_pac_client(self):
        from ..lib.pac.demo import DemoPac
        from ..lib.pac.finkok import FinkokPac
        from ..lib.pac.sw import SwSapienPac

        company = self.sudo()  # sudo: PAC credentials are manager-only fields
        credentials = (company.mx_cfdi_pac_username, company.mx_cfdi_pac_password, company.mx_cfdi_pac_url)
        if company.mx_cfdi_pac == "sw":
            return SwSapienPac(*credentials)
        if company.mx_cfdi_pac == "finkok":
            return FinkokPac(*credentials)
        return DemoPac()
