import datetime
import logging

from odoo import api, fields, models

from ..lib import builder, rfc

_logger = logging.getLogger(__name__)
MANAGER = "mx_cfdi.group_mx_cfdi_manager"
# the key seals and cancels CFDI in the company's name, the PAC account stamps them: administrators only.
# CFDI managers load a new CSD through mx.cfdi.csd.wizard, which checks it and never shows it back.
SYSTEM = "base.group_system"
CSD_WARNING = datetime.timedelta(days=30)


class ResCompany(models.Model):
    _inherit = "res.company"

    mx_cfdi_regimen_id = fields.Many2one("mx.cfdi.catalog", "Tax regime", domain=[("catalog", "=", "regimen_fiscal")])
    mx_cfdi_lugar_expedicion = fields.Char("Place of issue (postal code)", size=5)
    mx_cfdi_cer = fields.Binary("CSD certificate (.cer)", groups=MANAGER, attachment=True)
    mx_cfdi_key = fields.Binary("CSD private key (.key)", groups=SYSTEM, attachment=True)
    mx_cfdi_password = fields.Char("CSD key password", groups=SYSTEM)
    mx_cfdi_certificate_number = fields.Char(compute="_compute_mx_cfdi_certificate", store=True)
    mx_cfdi_certificate_expiry = fields.Datetime(compute="_compute_mx_cfdi_certificate", store=True)
    mx_cfdi_pac = fields.Selection(
        [("demo", "Demo (no fiscal value)"), ("finkok", "Finkok"), ("sw", "SW Sapien")], "PAC", default="demo"
    )
    mx_cfdi_pac_url = fields.Char("PAC base URL", groups=MANAGER)
    mx_cfdi_pac_username = fields.Char("PAC user", groups=SYSTEM)
    mx_cfdi_pac_password = fields.Char("PAC password", groups=SYSTEM)

    mx_cfdi_global_periodicidad = fields.Selection(
        [
            ("01", "01 - Daily"),
            ("02", "02 - Weekly"),
            ("03", "03 - Fortnightly"),
            ("04", "04 - Monthly"),
            ("05", "05 - Bimonthly"),
        ],
        "Global invoice periodicity",
        default="01",
        help="Daily: a factura global at each POS session close (and the daily cron for what is left). "
        "Weekly (Monday to Sunday), fortnightly (1-15, 16-end), monthly, bimonthly (Jan-Feb ... Nov-Dec): "
        "one per period, made by the daily cron once the period is over; periods never cross a month.",
    )
    mx_cfdi_auto_email = fields.Boolean(
        "Email stamped invoices",
        default=True,
        help="Once the PAC stamps an invoice or credit note, email the PDF and the XML to the customer.",
    )
    mx_cfdi_certificate_warning = fields.Char("CSD warning", compute="_compute_mx_cfdi_certificate_warning")
    mx_cfdi_global_invoice = fields.Boolean(
        "POS global invoice", default=True, help="Issue the factura global of POS sales to PUBLICO EN GENERAL."
    )

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

    @api.depends("mx_cfdi_certificate_expiry")
    def _compute_mx_cfdi_certificate_warning(self):
        now = fields.Datetime.now()
        for company in self:
            expiry = company.mx_cfdi_certificate_expiry
            company.mx_cfdi_certificate_warning = False
            if not expiry:
                continue
            if expiry <= now:
                company.mx_cfdi_certificate_warning = self.env._(
                    "The CSD expired on %s: CFDI cannot be sealed until a new one is loaded.", expiry.date()
                )
            elif expiry - now <= CSD_WARNING:
                company.mx_cfdi_certificate_warning = self.env._(
                    "The CSD expires on %s: renew it at SAT and load the new one.", expiry.date()
                )

    def _mx_cfdi_emisor(self):
        self.ensure_one()
        return {
            "rfc": rfc.compact(self.vat),
            "nombre": self.partner_id.mx_cfdi_sat_name or self.name.upper(),
            "regimen_fiscal": self.mx_cfdi_regimen_id.code,
        }

    def _mx_cfdi_global_enabled(self):
        self.ensure_one()
        # sudo: whether a CSD is loaded is no secret, its content is
        return bool(
            self.mx_cfdi_global_invoice and self.account_fiscal_country_id.code == "MX" and self.sudo().mx_cfdi_cer
        )

    def _mx_cfdi_raw(self, field):
        import base64

        return base64.b64decode(self.sudo()[field])  # sudo: CSD fields are restricted; read only to seal or parse

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

        company = self.sudo()  # sudo: PAC credentials are administrator-only fields
        credentials = (company.mx_cfdi_pac_username, company.mx_cfdi_pac_password, company.mx_cfdi_pac_url)
        if company.mx_cfdi_pac == "sw":
            # SAT's status service, for tests or a proxy: system parameter mx_cfdi.sat_status_url
            url = self.env["ir.config_parameter"].sudo().get_param("mx_cfdi.sat_status_url")  # sudo: system setting
            return SwSapienPac(*credentials, sat_status_url=url or None)
        if company.mx_cfdi_pac == "finkok":
            return FinkokPac(*credentials)
        return DemoPac()
