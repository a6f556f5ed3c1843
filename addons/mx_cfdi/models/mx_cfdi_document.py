import base64
import datetime
import logging

from odoo import fields, models
from odoo.exceptions import UserError

from ..lib import builder, tfd, xsd
from ..lib.pac import AlreadyStamped, PacError, PacRejected, PacUnavailable

_logger = logging.getLogger(__name__)
MANAGER = "mx_cfdi.group_mx_cfdi_manager"
MAX_BACKOFF = datetime.timedelta(hours=6)


class MxCfdiDocument(models.Model):
    _name = "mx.cfdi.document"
    _description = "CFDI document"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    move_id = fields.Many2one("account.move", readonly=True, index=True, ondelete="restrict")
    partner_id = fields.Many2one(related="move_id.partner_id")
    cfdi_type = fields.Selection(
        [("I", "Income"), ("E", "Credit note"), ("P", "Payment")], required=True, readonly=True
    )
    state = fields.Selection(
        [
            ("to_stamp", "To stamp"),
            ("stamped", "Stamped"),
            ("to_cancel", "To cancel"),
            ("cancelled", "Cancelled"),
            ("error", "Error"),
        ],
        default="to_stamp",
        required=True,
        readonly=True,
        index=True,
    )
    uuid = fields.Char("UUID", readonly=True, index=True, copy=False)
    attempts = fields.Integer(readonly=True)
    next_attempt = fields.Datetime(readonly=True, index=True)
    last_error = fields.Text(readonly=True)
    raw_response = fields.Text(readonly=True, groups=MANAGER)
    signed_xml = fields.Binary(readonly=True, attachment=True, copy=False)
    attachment_id = fields.Many2one("ir.attachment", "Stamped XML", readonly=True, copy=False)

    origin_move_id = fields.Many2one("account.move", "Paid invoice", readonly=True, index=True)
    payment_amount = fields.Monetary(readonly=True, currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    installment = fields.Integer("Installment number", readonly=True)
    previous_balance = fields.Monetary(readonly=True, currency_field="currency_id")
    cancel_motivo = fields.Selection(
        [
            ("01", "01 - Issued with errors, with relation"),
            ("02", "02 - Issued with errors, without relation"),
            ("03", "03 - Operation not carried out"),
            ("04", "04 - Nominative operation in a global invoice"),
        ],
        "Cancellation reason",
        readonly=True,
    )
    substitute_uuid = fields.Char("Substitute UUID", readonly=True)
    sat_status = fields.Char("SAT status", readonly=True)

    _name_company_unique = models.Constraint("UNIQUE(company_id, name)", "A CFDI reference is unique per company.")

    def _prepare_cfdi_data(self):
        self.ensure_one()
        return self.move_id._mx_cfdi_prepare_data()

    def _prepare_pago_data(self):
        origin = self.origin_move_id.mx_cfdi_document_ids.filtered(lambda d: d.cfdi_type in ("I", "E"))[:1]
        journal_type = self.move_id.journal_id.type
        return {
            "docs": [
                {
                    "xml": origin.attachment_id.raw,
                    "num_parcialidad": self.installment,
                    "saldo_anterior": self.previous_balance,
                    "pagado": self.payment_amount,
                }
            ],
            "fecha_pago": datetime.datetime.combine(self.move_id.date, datetime.time(12, 0)),
            "forma_pago": "01" if journal_type == "cash" else "03",
            "serie": "P",
            "folio": self.name,
        }

    def _sign(self):
        """Build and seal once: re-sending the same signed XML is what makes the PAC query work."""
        self.ensure_one()
        if self.signed_xml:
            return base64.b64decode(self.signed_xml)
        signer = self.company_id._mx_cfdi_signer()
        if self.cfdi_type == "P":
            xml = builder.seal(builder.build_pago(self._prepare_pago_data()), signer)
        else:
            data = self._prepare_cfdi_data()
            data["folio"] = self.name
            xml = builder.seal(builder.build_comprobante(data), signer)
        self.signed_xml = base64.b64encode(xml)
        return xml

    def _process(self):
        """Stamp one document; PAC outages are rescheduled with exponential backoff."""
        self.ensure_one()
        client = self.company_id._mx_cfdi_pac_client()
        try:
            xml = self._sign()
            previous = client.stamped(xml) if self.attempts else None
            result = previous or client.stamp(xml)
        except AlreadyStamped as exc:
            result = exc.result
        except PacUnavailable as exc:
            return self._retry_later(exc)
        except (PacRejected, PacError, xsd.CfdiXsdError, ValueError) as exc:
            return self._fail(exc)
        self._store_stamp(result)
        return True

    def _retry_later(self, exc):
        attempts = self.attempts + 1
        delay = min(datetime.timedelta(minutes=2**attempts), MAX_BACKOFF)
        _logger.warning("CFDI %s: PAC unavailable, retry #%s in %s", self.name, attempts, delay)
        self.sudo().write(  # sudo: raw_response is manager-only but written for everyone's documents
            {
                "attempts": attempts,
                "next_attempt": fields.Datetime.now() + delay,
                "last_error": exc.message,
                "raw_response": exc.raw,
            }
        )
        return False

    def _fail(self, exc):
        message = getattr(exc, "message", None) or str(exc)
        _logger.info("CFDI %s rejected: %s", self.name, message)
        self.sudo().write(  # sudo: raw_response is manager-only
            {
                "state": "error",
                "attempts": self.attempts + 1,
                "last_error": message,
                "raw_response": getattr(exc, "raw", ""),
            }
        )
        return False

    def _store_stamp(self, result):
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{self.name}-{result.uuid}.xml",
                "raw": result.xml,
                "mimetype": "application/xml",
                "res_model": self.move_id._name if self.move_id else self._name,
                "res_id": self.move_id.id or self.id,
            }
        )
        self.sudo().write(  # sudo: raw_response is manager-only
            {
                "state": "stamped",
                "uuid": result.uuid,
                "attachment_id": attachment.id,
                "attempts": self.attempts + 1,
                "last_error": False,
                "raw_response": result.raw,
                "next_attempt": False,
            }
        )

    def action_retry(self):
        self.filtered(lambda d: d.state == "error").write(
            {"state": "to_stamp", "signed_xml": False, "next_attempt": False}
        )

    def action_process_now(self):
        for document in self.filtered(lambda d: d.state == "to_stamp"):
            document._process()

    def action_request_cancel(self, motivo, substitute_uuid=None):
        """Queue a cancellation; motivo 01 needs the UUID of the CFDI that replaces this one."""
        if motivo not in ("01", "02", "03", "04"):
            raise UserError(self.env._("Unknown cancellation reason %s.", motivo))
        if motivo == "01" and not substitute_uuid:
            raise UserError(self.env._("Reason 01 needs the UUID of the substitute CFDI."))
        for document in self:
            if document.state != "stamped":
                raise UserError(self.env._("Only stamped CFDI can be cancelled (%s).", document.name))
        self.write(
            {
                "state": "to_cancel",
                "cancel_motivo": motivo,
                "substitute_uuid": substitute_uuid if motivo == "01" else False,
                "next_attempt": False,
            }
        )

    def _process_cancel(self):
        """Send the request once, then poll SAT until the receiver accepts or rejects it."""
        self.ensure_one()
        client = self.company_id._mx_cfdi_pac_client()
        data = tfd.parse(self.attachment_id.raw)
        try:
            if not self.sat_status:
                result = client.cancel(
                    data["rfc_emisor"],
                    self.uuid,
                    self.cancel_motivo,
                    substitute_uuid=self.substitute_uuid,
                    signer=self.company_id._mx_cfdi_signer(),
                    total=data["total"],
                    rfc_receptor=data["rfc_receptor"],
                )
                if result.status == "cancelled":
                    return self.write({"state": "cancelled", "sat_status": "Cancelado"})
                return self.write({"sat_status": "En proceso", "attempts": self.attempts + 1})
            status = client.sat_status(data["rfc_emisor"], data["rfc_receptor"], self.uuid, data["total"])
        except PacUnavailable as exc:
            return self._retry_later(exc)
        except PacRejected as exc:
            self.write({"state": "stamped", "sat_status": False, "last_error": exc.message})
            return False
        if status["estado"] == "Cancelado":
            return self.write({"state": "cancelled", "sat_status": "Cancelado"})
        if "rechaz" in (status["estatus_cancelacion"] or "").lower():
            message = self.env._("The receiver rejected the cancellation.")
            return self.write({"state": "stamped", "sat_status": False, "last_error": message})
        return self.write({"sat_status": status["estatus_cancelacion"] or status["estado"]})

    def _cron_process(self, limit=50):
        """Pick due documents with SKIP LOCKED so two workers never stamp the same one."""
        self.flush_model(["state", "next_attempt"])
        self.env.cr.execute(
            """SELECT id FROM mx_cfdi_document
                WHERE state IN ('to_stamp', 'to_cancel')
                  AND (next_attempt IS NULL OR next_attempt <= %s)
             ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED""",
            [fields.Datetime.now(), limit],
        )
        for document in self.browse([row[0] for row in self.env.cr.fetchall()]):
            if document.state == "to_cancel":
                document._process_cancel()
            else:
                document._process()

    def _verification_url(self):
        self.ensure_one()
        if not self.attachment_id:
            return ""
        data = tfd.parse(self.attachment_id.raw)
        return tfd.verification_url(
            data["uuid"], data["rfc_emisor"], data["rfc_receptor"], data["total"], data["sello"]
        )
