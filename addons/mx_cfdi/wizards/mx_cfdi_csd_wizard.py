import base64

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import csd

MANAGER = "mx_cfdi.group_mx_cfdi_manager"


class MxCfdiCsdWizard(models.TransientModel):
    _name = "mx.cfdi.csd.wizard"
    _description = "Load the company's CSD"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    cer_file = fields.Binary("Certificate (.cer)")
    key_file = fields.Binary("Private key (.key)")
    key_password = fields.Char("Private key password")

    def action_confirm(self):
        """Check the CSD and store it on the company; CFDI managers write it here, only administrators read it."""
        self.ensure_one()
        self._check_caller()
        if not (self.cer_file and self.key_file and self.key_password):
            raise UserError(self.env._("Load the certificate (.cer), the private key (.key) and its password."))
        try:
            csd.check(
                base64.b64decode(self.cer_file), base64.b64decode(self.key_file), self.key_password, self.company_id.vat
            )
        except csd.CsdError as exc:
            raise UserError(self._csd_message(exc.code)) from None
        # sudo: the key and its password are administrator-only fields; CFDI managers write them only from here
        self.company_id.sudo().write(
            {"mx_cfdi_cer": self.cer_file, "mx_cfdi_key": self.key_file, "mx_cfdi_password": self.key_password}
        )
        self.write({"cer_file": False, "key_file": False, "key_password": False})  # no copy left behind
        return {"type": "ir.actions.act_window_close"}

    def _check_caller(self):
        if not self.env.su and not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only CFDI managers can load a CSD."))
        if self.company_id not in self.env.user.company_ids:
            raise AccessError(self.env._("You can only load the CSD of your own companies."))

    def _csd_message(self, code):
        messages = {
            "certificate": self.env._("The certificate is not a SAT .cer file."),
            "password": self.env._(
                "The private key does not open with this password, or the file is not the CSD's .key."
            ),
            "mismatch": self.env._("The private key does not belong to this certificate."),
            "not_csd": self.env._("This certificate is an e.firma (FIEL), not a CSD: CFDI are sealed with the CSD."),
            "rfc": self.env._("The certificate is not issued to the company's RFC (%s).", self.company_id.vat or "-"),
            "expired": self.env._("The certificate has expired: request a new CSD at SAT."),
        }
        return messages[code]
