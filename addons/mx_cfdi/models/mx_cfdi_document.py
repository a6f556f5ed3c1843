import base64
import datetime
import logging
import re

from psycopg2.errors import LockNotAvailable

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import builder, global_invoice, safe_xml, tfd, xsd
from ..lib.pac import AlreadyStamped, PacError, PacRejected, PacUnavailable

_logger = logging.getLogger(__name__)
USER = "mx_cfdi.group_mx_cfdi_user"
MANAGER = "mx_cfdi.group_mx_cfdi_manager"
MAX_BACKOFF = datetime.timedelta(hours=6)
MOTIVOS = ("01", "02", "03", "04")
UUID_RE = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")


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
    is_global = fields.Boolean("Global invoice", readonly=True)
    pos_order_ids = fields.One2many("pos.order", "mx_cfdi_global_document_id", "POS orders", readonly=True)
    global_periodicidad = fields.Char("Periodicity", readonly=True)
    global_meses = fields.Char("Months", readonly=True)
    global_anio = fields.Integer("Year", readonly=True)
    origin_document_id = fields.Many2one(
        "mx.cfdi.document", "Related global invoice", readonly=True, help="Global invoice a global credit note relates."
    )

    _name_company_unique = models.Constraint("UNIQUE(company_id, name)", "A CFDI reference is unique per company.")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_code_path()
        return super().create(vals_list)

    def write(self, vals):
        self._check_code_path()
        return super().write(vals)

    def unlink(self):
        self._check_code_path()
        return super().unlink()

    def _check_code_path(self):
        """Documents are made and changed by the suite's code only (posting, payments, POS, queue, the doors
        below), which runs them as sudo: no user writes a state, UUID, XML or attachment, whatever the ACLs."""
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "CFDI documents are created and changed only by invoicing, the POS and the stamping queue; "
                    "use Retry, Stamp now or Request cancellation."
                )
            )

    def _prepare_cfdi_data(self):
        self.ensure_one()
        if self.is_global:
            return self._prepare_global_data()
        return self.move_id._mx_cfdi_prepare_data()

    def _prepare_global_data(self):
        company = self.company_id
        lugar = company.mx_cfdi_lugar_expedicion or company.zip
        sign = -1 if self.cfdi_type == "E" else 1
        data = {
            "emisor": company._mx_cfdi_emisor(),
            "receptor": global_invoice.receptor(lugar),
            "lugar_expedicion": lugar,
            "tipo": self.cfdi_type,
            "moneda": company.currency_id.name,
            "exportacion": "01",
            "metodo_pago": "PUE",
            "forma_pago": self.pos_order_ids._mx_cfdi_forma_pago(),
            "lines": global_invoice.ticket_concepts(self.pos_order_ids._mx_cfdi_global_rows(sign)),
            "informacion_global": {
                "periodicidad": self.global_periodicidad,
                "meses": self.global_meses,
                "ano": self.global_anio,
            },
        }
        if self.cfdi_type == "E":
            data["relacionados"] = [{"tipo": "01", "uuids": [self.origin_document_id.uuid]}]
        return data

    def _origin_uuid(self):
        """UUID an E document relates (its origin invoice's, or the global invoice's)."""
        self.ensure_one()
        return self.origin_document_id.uuid if self.is_global else self.move_id.reversed_entry_id.mx_cfdi_uuid

    @api.model
    def _mx_cfdi_create_global(self, company, orders, name, day=None, origin=None):
        """Queue one factura global for ``orders`` (see pos.order._mx_cfdi_global_candidates).

        With ``origin`` (a stamped or queued global invoice), ``orders`` are late refunds of its tickets:
        the document is its credit note (E, related 01).
        """
        if not global_invoice.ticket_concepts(orders._mx_cfdi_global_rows(-1 if origin else 1)):
            return self.browse()
        day = day or builder.mexico_now().date()
        info = global_invoice.informacion_global(day, company.mx_cfdi_global_periodicidad or "01")
        taken = set(self.search([("company_id", "=", company.id), ("name", "=like", f"{name}%")]).mapped("name"))
        unique, n = name, 1
        while unique in taken:
            n += 1
            unique = f"{name}-{n}"
        document = self.create(
            {
                "name": unique,
                "company_id": company.id,
                "cfdi_type": "E" if origin else "I",
                "is_global": True,
                "origin_document_id": origin.id if origin else False,
                "global_periodicidad": info["periodicidad"],
                "global_meses": info["meses"],
                "global_anio": info["ano"],
            }
        )
        orders.write({"mx_cfdi_global_document_id": document.id})
        return document

    @api.model
    def _mx_cfdi_create_global_refunds(self, company, refunds, day=None):
        """Credit notes to PUBLICO EN GENERAL for refunds of tickets already in a global invoice."""
        documents = self.browse()
        for origin, group in refunds.grouped(lambda o: o.refunded_order_id.mx_cfdi_global_document_id).items():
            documents |= self._mx_cfdi_create_global(company, group, f"{origin.name}/E", day, origin=origin)
        return documents

    @api.model
    def _cron_global_invoice(self, today=None):
        """Daily: factura global of the tickets of past periods (days, weeks…) that no session close took."""
        documents = self.browse()
        for company in self.env["res.company"].search([]):
            if company._mx_cfdi_global_enabled():
                documents |= self._mx_cfdi_global_for_company(company, today)
        return documents

    def _mx_cfdi_global_for_company(self, company, today=None):
        today = today or builder.mexico_now().date()
        periodicidad = company.mx_cfdi_global_periodicidad or "01"
        start = global_invoice.period_start(today, periodicidad)
        limit = builder.mexico_to_utc(datetime.datetime.combine(start, datetime.time()))
        orders, late = self.env["pos.order"]._mx_cfdi_global_candidates(company, [("date_order", "<", limit)])
        groups = {}
        for order in orders:
            # a refund goes with the ticket it refunds, so the two net out in one document
            day = builder.mexico_now((order.refunded_order_id or order).date_order).date()
            groups.setdefault(global_invoice.period_start(day, periodicidad), []).append(order.id)
        documents = self.browse()
        for day, ids in sorted(groups.items()):
            label = global_invoice.period_label(day, periodicidad)
            group = self.env["pos.order"].browse(ids)
            documents |= self._mx_cfdi_create_global(company, group, f"FG/{label}", day)
        return documents | self._mx_cfdi_create_global_refunds(company, late, start - datetime.timedelta(days=1))

    def _prepare_pago_data(self):
        origin = self.origin_move_id.mx_cfdi_document_ids.filtered(lambda d: d.cfdi_type in ("I", "E"))[:1]
        journal_type = self.move_id.journal_id.type
        return {
            "docs": [
                {
                    "xml": origin._stamped_xml(),
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
        if self.uuid:  # stamped already: stamping again would issue a second CFDI
            return False
        if self.cfdi_type == "E" and not self.signed_xml and not self._origin_uuid():
            # the credit note relates the origin's UUID: it waits until the origin is stamped
            return self._retry_later(PacUnavailable(self.env._("Waiting for the origin invoice to be stamped.")))
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
        self.sudo().write(  # sudo: only code writes documents; raw_response is manager-only
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
        self.sudo().write(  # sudo: only code writes documents; raw_response is manager-only
            {
                "state": "error",
                "attempts": self.attempts + 1,
                "last_error": message,
                "raw_response": getattr(exc, "raw", ""),
            }
        )
        return False

    def _store_stamp(self, result):
        if self.move_id.invoice_pdf_report_id:
            # the PDF made before stamping has no UUID nor QR: the next send or download makes it anew
            self.move_id.sudo().invoice_pdf_report_file = False  # sudo: cron or cashier, legal PDF field
        # sudo: the queue stores the PAC's answer on the document's own record, whoever triggered the run
        attachments = self.env["ir.attachment"].sudo()
        attachment = attachments.create(
            {
                "name": f"{self.name}-{result.uuid}.xml",
                "raw": result.xml,
                "mimetype": "application/xml",
                "res_model": self.move_id._name if self.move_id else self._name,
                "res_id": self.move_id.id or self.id,
                "company_id": self.company_id.id,
            }
        )
        self.sudo().write(  # sudo: only code writes documents; raw_response is manager-only
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
        self._send_to_customer()

    def _send_to_customer(self):
        """Email the stamped invoice (PDF with UUID and QR + XML) when the company wants it and the customer
        has an email; a mail problem never undoes the stamp."""
        move = self.move_id
        if (
            self.cfdi_type not in ("I", "E")
            or not self.company_id.mx_cfdi_auto_email
            or not move.commercial_partner_id.email
        ):
            return
        try:
            with self.env.cr.savepoint():
                # sudo: the cron or a cashier sends the customer its own invoice
                move.sudo()._generate_and_send(sending_methods=["email"])
        except Exception:  # the stamp stays; the invoice can be sent by hand
            _logger.warning("CFDI %s: stamped, but the email to the customer failed", self.name, exc_info=True)

    def action_retry(self):
        """Back to the queue after a rejection, to be signed anew from the corrected data."""
        self._check_caller()
        if wrong := self._not_in_state("error"):
            raise UserError(self.env._("Only rejected CFDI can be retried (%s).", ", ".join(wrong.mapped("name"))))
        # sudo: state and XML are the queue's fields, written by no user; caller and state checked above
        self.sudo().write({"state": "to_stamp", "signed_xml": False, "next_attempt": False})
        return True

    def action_process_now(self):
        """Stamp now instead of waiting for the cron (the row lock keeps the cron off the same documents)."""
        self._check_caller()
        if wrong := self._not_in_state("to_stamp"):
            raise UserError(
                self.env._("Only CFDI waiting to be stamped can be stamped now (%s).", ", ".join(wrong.mapped("name")))
            )
        self._lock_for_stamping()
        # sudo: stamping writes state, UUID and XML, which no user may write; caller and state checked above
        for document in self.sudo():
            document._process()
        return True

    def action_request_cancel(self, motivo, substitute_uuid=None):
        """Queue a cancellation; motivo 01 needs the UUID of the CFDI that replaces this one."""
        self._check_caller()
        if motivo not in MOTIVOS:
            raise UserError(self.env._("Unknown cancellation reason %s.", motivo))
        substitute = (substitute_uuid or "").strip().upper() if motivo == "01" else ""
        if motivo == "01" and not substitute:
            raise UserError(self.env._("Reason 01 needs the UUID of the substitute CFDI."))
        if substitute and not UUID_RE.fullmatch(substitute):
            # it travels to the PAC (SW Sapien: in the URL path): a UUID, nothing else
            raise UserError(self.env._("%s is not a UUID (8-4-4-4-12 hexadecimal characters).", substitute))
        for document in self:
            if document._not_in_state("stamped") or not document._own_attachment():
                raise UserError(self.env._("Only stamped CFDI can be cancelled (%s).", document.name))
        # sudo: state and cancellation data are the queue's fields; caller, state and stamp checked above
        self.sudo().write(
            {
                "state": "to_cancel",
                "cancel_motivo": motivo,
                "substitute_uuid": substitute or False,
                "next_attempt": False,
            }
        )
        return True

    def _check_caller(self):
        """The doors are public (XML-RPC calls them directly): CFDI users only, documents of their companies."""
        if not self.env.su and not self.env.user.has_group(USER):
            raise AccessError(self.env._("Only CFDI users can stamp, retry or cancel CFDI documents."))
        self.check_access("read")

    def _not_in_state(self, state):
        """Documents not in ``state``, or whose UUID does not match it (a UUID exactly when stamped)."""
        stamped = state in ("stamped", "to_cancel", "cancelled")
        return self.filtered(lambda d: d.state != state or bool(d.uuid) != stamped)

    def _lock_for_stamping(self):
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "SELECT id FROM mx_cfdi_document WHERE id IN %s FOR UPDATE NOWAIT",
                    [tuple(self.ids)],
                    log_exceptions=False,
                )
        except LockNotAvailable:
            raise UserError(
                self.env._("The stamping queue is processing these CFDI right now: try again shortly.")
            ) from None

    def _own_attachment(self):
        """The stamped XML, only when attached to this document's own record (its invoice or payment, or itself
        for a global invoice) in its company: never another file, whatever attachment_id points to."""
        self.ensure_one()
        attachment = self.sudo().attachment_id  # sudo: checked right here before anyone gets it
        record = self.move_id or self
        if (
            attachment.res_model != record._name
            or attachment.res_id != record.id
            or attachment.res_field
            or attachment.company_id != self.company_id
        ):
            return self.env["ir.attachment"]
        return attachment

    def _stamped_xml(self):
        attachment = self._own_attachment()
        if not attachment:
            raise ValueError(self.env._("The stamped XML of %s is missing.", self.name))
        return attachment.raw

    def _process_cancel(self):
        """Send the request once, then poll SAT until the receiver accepts or rejects it."""
        self.ensure_one()
        client = self.company_id._mx_cfdi_pac_client()
        data = tfd.parse(self._stamped_xml())
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
            _logger.info("CFDI %s: cancellation refused: %s", self.name, exc.message)
            self.sudo().write(  # sudo: only code writes documents; raw_response is manager-only
                {"state": "stamped", "sat_status": False, "last_error": exc.message, "raw_response": exc.raw}
            )
            return False
        if status["estado"] == "Cancelado":
            return self.write({"state": "cancelled", "sat_status": "Cancelado"})
        if "rechaz" in (status["estatus_cancelacion"] or "").lower():
            message = self.env._("The receiver rejected the cancellation.")
            return self.write({"state": "stamped", "sat_status": False, "last_error": message})
        return self.write({"sat_status": status["estatus_cancelacion"] or status["estado"]})

    def _cron_process(self, limit=50):
        """Pick due documents with SKIP LOCKED so two workers never stamp the same one.

        Only consistent ones: to stamp without a UUID, to cancel with one (a state no door sets is left alone).
        """
        self.flush_model(["state", "next_attempt"])
        self.env.cr.execute(
            """SELECT id FROM mx_cfdi_document
                WHERE (state = 'to_stamp' AND uuid IS NULL OR state = 'to_cancel' AND uuid IS NOT NULL)
                  AND (next_attempt IS NULL OR next_attempt <= %s)
             ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED""",
            [fields.Datetime.now(), limit],
        )
        for document in self.browse([row[0] for row in self.env.cr.fetchall()]):
            try:
                with self.env.cr.savepoint():
                    if document.state == "to_cancel":
                        document._process_cancel()
                    else:
                        document._process()
            except Exception as exc:  # one broken document must not stop the queue for the others
                _logger.exception("CFDI %s: unexpected error, retried later", document.name)
                # attempts + 1: the next run asks the PAC before stamping again, in case it did stamp
                document._retry_later(PacUnavailable(self.env._("Unexpected error: %s", exc)))

    def _print_values(self):
        """Fiscal data for the printed representation (QR, UUID, seals, certificates, TFD cadena)."""
        self.ensure_one()
        attachment = self._own_attachment()
        if not attachment:
            return {}
        xml = attachment.raw
        data = tfd.parse(xml)
        root = safe_xml.fromstring(xml)
        receptor = root.find("cfdi:Receptor", tfd.NS)
        url = self._verification_url()
        data.update(
            url=url,
            qr=tfd.qr_data_uri(url),
            cadena_tfd=tfd.tfd_cadena_original(xml),
            fecha=root.get("Fecha"),
            tipo=root.get("TipoDeComprobante"),
            lugar_expedicion=root.get("LugarExpedicion"),
            metodo_pago=root.get("MetodoPago") or "",
            forma_pago=root.get("FormaPago") or "",
            moneda=root.get("Moneda"),
            subtotal=root.get("SubTotal"),
            nombre_receptor=receptor.get("Nombre"),
            uso_cfdi=receptor.get("UsoCFDI"),
            regimen_receptor=receptor.get("RegimenFiscalReceptor"),
            cp_receptor=receptor.get("DomicilioFiscalReceptor"),
            regimen_emisor=root.find("cfdi:Emisor", tfd.NS).get("RegimenFiscal"),
            conceptos=tfd.conceptos(xml),
        )
        return data

    def _verification_url(self):
        self.ensure_one()
        attachment = self._own_attachment()
        if not attachment:
            return ""
        data = tfd.parse(attachment.raw)
        return tfd.verification_url(
            data["uuid"], data["rfc_emisor"], data["rfc_receptor"], data["total"], data["sello"]
        )
