import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib import builder, rfc

FORMAS_PAGO = [
    ("01", "01 - Cash"),
    ("02", "02 - Nominal check"),
    ("03", "03 - Electronic funds transfer"),
    ("04", "04 - Credit card"),
    ("28", "28 - Debit card"),
    ("99", "99 - To be defined"),
]


class AccountMove(models.Model):
    _inherit = "account.move"

    mx_cfdi_uso_id = fields.Many2one("mx.cfdi.catalog", "CFDI use", domain=[("catalog", "=", "uso_cfdi")])
    mx_cfdi_metodo_pago = fields.Selection(
        [("PUE", "PUE - Single payment"), ("PPD", "PPD - Deferred or partial payments")],
        "Payment method",
        default="PUE",
    )
    mx_cfdi_forma_pago = fields.Selection(FORMAS_PAGO, "Payment form", default="99")
    mx_cfdi_exportacion = fields.Selection([("01", "01 - Not an export")], "Export", default="01")
    mx_cfdi_document_ids = fields.One2many("mx.cfdi.document", "move_id", "CFDI documents")
    mx_cfdi_state = fields.Selection(related="mx_cfdi_document_ids.state", string="CFDI state")
    mx_cfdi_uuid = fields.Char(related="mx_cfdi_document_ids.uuid", string="Fiscal folio (UUID)")

    def _mx_cfdi_document(self):
        """The invoice's own CFDI (I or E), not the payment complements."""
        self.ensure_one()
        return self.mx_cfdi_document_ids.filtered(lambda d: d.cfdi_type in ("I", "E"))[:1]

    def _mx_cfdi_stamped_attachment(self):
        """The invoice's stamped XML (whoever sees the invoice may get it), only if it is attached to this invoice."""
        document = self._mx_cfdi_document()
        if document.state not in ("stamped", "to_cancel", "cancelled"):
            return self.env["ir.attachment"]
        return document._own_attachment()

    def _mx_cfdi_print_values(self):
        return self._mx_cfdi_document()._print_values() if self._mx_cfdi_applies() else {}

    def _get_invoice_legal_documents(self, filetype, allow_fallback=False):
        if filetype == "xml" and (attachment := self._mx_cfdi_stamped_attachment()):
            return {"filename": attachment.name, "filetype": "application/xml", "content": attachment.raw}
        return super()._get_invoice_legal_documents(filetype, allow_fallback=allow_fallback)

    def mx_cfdi_get_files(self):
        """XML-RPC: status, UUID and the stamped XML (base64) of the caller's own invoices."""
        self.check_access("read")
        result = []
        # sudo: access to the invoices was checked just above; the CFDI documents follow the invoice
        for move in self.sudo():
            document = move._mx_cfdi_document()
            attachment = move._mx_cfdi_stamped_attachment()
            result.append(
                {
                    "id": move.id,
                    "name": move.name,
                    "state": document.state or False,
                    "uuid": document.uuid or False,
                    "xml": base64.b64encode(attachment.raw).decode() if attachment else False,
                }
            )
        return result

    def _mx_cfdi_applies(self):
        self.ensure_one()
        return (
            self.move_type in ("out_invoice", "out_refund") and self.company_id.account_fiscal_country_id.code == "MX"
        )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        for move in posted.filtered(lambda m: m._mx_cfdi_applies() and not m.mx_cfdi_document_ids):
            move._mx_cfdi_check()
            # sudo: documents are made only here and by the queue's other code paths, never by users
            self.env["mx.cfdi.document"].sudo().create(
                {
                    "name": move.name,
                    "company_id": move.company_id.id,
                    "move_id": move.id,
                    "cfdi_type": "I" if move.move_type == "out_invoice" else "E",
                }
            )
        return posted

    def _mx_cfdi_check(self):
        partner = self.commercial_partner_id
        if not partner.vat or not rfc.is_valid(partner.vat):
            raise UserError(self.env._("The customer %s needs a valid RFC to issue a CFDI.", partner.display_name))
        if self.move_type == "out_refund":
            origin = self.reversed_entry_id._mx_cfdi_document() if self.reversed_entry_id else None
            if not origin or origin.state not in ("to_stamp", "stamped"):
                raise UserError(self.env._("A credit note needs an origin invoice with a stamped or queued CFDI."))

    @api.model
    def _mx_cfdi_tax(self, tax):
        kind = {"iva": builder.IVA, "ieps": builder.IEPS, "isr": builder.ISR}.get(tax.l10n_mx_tax_type, builder.IVA)
        factor = tax.l10n_mx_factor_type or "Tasa"
        return {
            "impuesto": kind,
            "tipo_factor": factor,
            "tasa": abs(tax.amount) / 100 if factor == "Tasa" else abs(tax.amount),
            "retencion": tax.amount < 0,
        }

    def _mx_cfdi_line(self, line):
        product = line.product_id.product_tmpl_id
        gross = line.price_unit * line.quantity
        discount = builder.money(gross * line.discount / 100) if line.discount else 0
        taxes = [self._mx_cfdi_tax(tax) for tax in line.tax_ids]
        objeto = product.mx_cfdi_objeto_imp or "02"
        return {
            "clave_prod_serv": product.mx_cfdi_clave_prod_serv or "01010101",
            "clave_unidad": product.mx_cfdi_clave_unidad or "H87",
            "unidad": (line.product_uom_id.name or "")[:20] or None,
            "no_identificacion": product.default_code or None,
            "descripcion": line.name or product.name,
            "cantidad": line.quantity,
            "valor_unitario": line.price_unit,
            "descuento": discount,
            "objeto_imp": objeto if taxes else "01",
            "taxes": taxes if objeto == "02" else [],
        }

    def _mx_cfdi_prepare_data(self):
        self.ensure_one()
        company = self.company_id
        partner = self.commercial_partner_id
        uso = (
            self.mx_cfdi_uso_id.code or partner.mx_cfdi_uso_id.code or ("S01" if rfc.is_generic(partner.vat) else "G03")
        )
        data = {
            "emisor": company._mx_cfdi_emisor(),
            "receptor": partner._mx_cfdi_receptor(uso),
            "lugar_expedicion": company.mx_cfdi_lugar_expedicion or company.zip,
            "tipo": "I" if self.move_type == "out_invoice" else "E",
            "moneda": self.currency_id.name,
            "tipo_cambio": None
            if self.currency_id.name == "MXN"
            else abs(self.amount_total_signed / (self.amount_total or 1)),
            "exportacion": self.mx_cfdi_exportacion or "01",
            "metodo_pago": self.mx_cfdi_metodo_pago,
            "forma_pago": "99" if self.mx_cfdi_metodo_pago == "PPD" else self.mx_cfdi_forma_pago,
            "lines": [
                self._mx_cfdi_line(line)
                for line in self.invoice_line_ids.filtered(lambda aml: aml.display_type == "product")
            ],
        }
        if rfc.is_generic(partner.vat):
            data["receptor"].update(
                nombre=builder.GLOBAL_RECEPTOR_NAME,
                domicilio_fiscal_receptor=data["lugar_expedicion"],
                regimen_fiscal_receptor="616",
                uso_cfdi="S01",
            )
        if self.move_type == "out_refund":
            data["relacionados"] = [{"tipo": "01", "uuids": [self.reversed_entry_id.mx_cfdi_uuid]}]
        return data
