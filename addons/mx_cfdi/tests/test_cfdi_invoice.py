import base64
import datetime
from unittest.mock import patch

from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.addons.mx_cfdi.lib import tfd, xsd
from odoo.addons.mx_cfdi.lib.pac import PacRejected, PacUnavailable
from odoo.addons.mx_cfdi.lib.pac.base import CancelResult
from odoo.addons.mx_cfdi.lib.pac.demo import DemoPac
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import MxCfdiCommon
from .unit import fake_http, finkok_fake

NS = {"cfdi": "http://www.sat.gob.mx/cfd/4"}


@tagged("post_install", "-at_install")
class TestCfdiInvoice(MxCfdiCommon):
    def test_post_queues_then_cron_stamps(self):
        move = self._invoice(lines=((3, 333.33, 0), (7, 19.99, 12.5)))
        with patch.object(DemoPac, "stamp", side_effect=AssertionError("no PAC call while posting")):
            move.action_post()
        document = move.mx_cfdi_document_ids
        self.assertEqual((document.state, document.cfdi_type), ("to_stamp", "I"))
        document._cron_process()
        self.assertEqual(document.state, "stamped")
        self.assertEqual(move.mx_cfdi_uuid, document.uuid)
        xml = document.attachment_id.raw
        self.assertTrue(xsd.validate(xml))
        root = etree.fromstring(xml)
        self.assertEqual(root.find("cfdi:Receptor", NS).get("Rfc"), "URE180429TM6")
        # CFDI total equals Odoo's invoice total (same per-line rounding)
        self.assertAlmostEqual(float(root.get("Total")), move.amount_total, places=2)
        self.assertEqual(tfd.parse(xml)["uuid"], document.uuid)
        self.assertIn("fe=", document._verification_url())

    def test_pac_down_backoff_then_adopts_existing_stamp(self):
        move = self._invoice()
        move.action_post()
        document = move.mx_cfdi_document_ids
        with (
            patch.object(DemoPac, "stamp", side_effect=PacUnavailable("timeout", "raw-timeout")),
            mute_logger("odoo.addons.mx_cfdi.models.mx_cfdi_document"),
        ):
            document._cron_process()
        self.assertEqual((document.state, document.attempts), ("to_stamp", 1))
        self.assertGreater(document.next_attempt, fields.Datetime.now())
        self.assertEqual(document.raw_response, "raw-timeout")
        signed = document.signed_xml
        # not due yet: the cron leaves it alone
        with patch.object(DemoPac, "stamp", side_effect=AssertionError("not due")):
            document._cron_process()
        # due: the PAC stamped it during the timeout; we query and adopt, never stamp twice
        document.next_attempt = fields.Datetime.now() - datetime.timedelta(seconds=1)
        existing = DemoPac().stamp(base64.b64decode(signed))
        with (
            patch.object(DemoPac, "stamped", return_value=existing) as stamped,
            patch.object(DemoPac, "stamp", side_effect=AssertionError("stamped twice")),
        ):
            document._cron_process()
        stamped.assert_called_once()
        self.assertEqual((document.state, document.uuid), ("stamped", existing.uuid))
        self.assertEqual(document.signed_xml, signed, "the same signed XML is re-sent")

    def test_unexpected_error_does_not_block_the_queue(self):
        broken, fine = self._invoice(), self._invoice(lines=((1, 50, 0),))
        (broken | fine).action_post()
        real = type(broken)._mx_cfdi_prepare_data

        def prepare(move):
            if move == broken:
                raise RuntimeError("datos corruptos")
            return real(move)

        with (
            patch.object(type(broken), "_mx_cfdi_prepare_data", prepare),
            mute_logger("odoo.addons.mx_cfdi.models.mx_cfdi_document"),
        ):
            self.env["mx.cfdi.document"]._cron_process()
        self.assertEqual(fine.mx_cfdi_state, "stamped")
        document = broken.mx_cfdi_document_ids
        self.assertEqual((document.state, document.attempts), ("to_stamp", 1))
        self.assertIn("datos corruptos", document.last_error)

    def test_rejection_spanish_message(self):
        move = self._invoice()
        move.action_post()
        document = move.mx_cfdi_document_ids
        with (
            patch.object(DemoPac, "stamp", side_effect=PacRejected("CFDI40145", "Nombre", "raw")),
            mute_logger("odoo.addons.mx_cfdi.models.mx_cfdi_document"),
        ):
            document._cron_process()
        self.assertEqual(document.state, "error")
        self.assertIn("nombre del receptor", document.last_error)
        document.action_retry()
        document._cron_process()
        self.assertEqual(document.state, "stamped")

    def test_credit_note_relates_origin(self):
        move = self._invoice()
        move.action_post()
        move.mx_cfdi_document_ids._cron_process()
        reversal = move._reverse_moves([{"ref": "Devolución"}])
        reversal.action_post()
        credit = reversal.mx_cfdi_document_ids
        self.assertEqual(credit.cfdi_type, "E")
        credit._cron_process()
        root = etree.fromstring(credit.attachment_id.raw)
        self.assertEqual(root.get("TipoDeComprobante"), "E")
        related = root.find("cfdi:CfdiRelacionados", NS)
        self.assertEqual(related.get("TipoRelacion"), "01")
        self.assertEqual(related[0].get("UUID"), move.mx_cfdi_uuid)

    def test_credit_note_waits_for_its_origin(self):
        # e.g. a POS refund of a ticket invoiced minutes ago: the sync must not fail, the E waits for the I
        move = self._invoice()
        move.action_post()
        reversal = move._reverse_moves([{"ref": "Devolución"}])
        reversal.action_post()
        credit = reversal.mx_cfdi_document_ids
        with mute_logger("odoo.addons.mx_cfdi.models.mx_cfdi_document"):
            credit._process()
        self.assertEqual((credit.state, credit.attempts, bool(credit.signed_xml)), ("to_stamp", 1, False))
        credit.next_attempt = False
        self.env["mx.cfdi.document"]._cron_process()  # origin first (lower id), then the credit note
        self.assertEqual((move.mx_cfdi_state, credit.state), ("stamped", "stamped"))
        related = etree.fromstring(credit.attachment_id.raw).find("cfdi:CfdiRelacionados", NS)
        self.assertEqual(related[0].get("UUID"), move.mx_cfdi_uuid)

    def test_credit_note_needs_an_origin_cfdi(self):
        move = self._invoice()
        move.action_post()
        move.mx_cfdi_document_ids._fail(ValueError("rechazada"))
        reversal = move._reverse_moves([{"ref": "Devolución"}])
        with self.assertRaises(UserError), mute_logger("odoo.addons.mx_cfdi.models.mx_cfdi_document"):
            reversal.action_post()

    def test_generic_rfc_goes_to_publico_en_general(self):
        self.customer.write({"vat": "XAXX010101000", "zip": False, "mx_cfdi_regimen_id": False})
        move = self._invoice()
        move.action_post()
        move.mx_cfdi_document_ids._cron_process()
        receptor = etree.fromstring(move.mx_cfdi_document_ids.attachment_id.raw).find("cfdi:Receptor", NS)
        self.assertEqual(receptor.get("Nombre"), "PUBLICO EN GENERAL")
        self.assertEqual(receptor.get("DomicilioFiscalReceptor"), "42501")
        self.assertEqual(receptor.get("UsoCFDI"), "S01")

    def test_invalid_rfc_refused(self):
        with self.assertRaises(ValidationError):
            self.customer.vat = "URE180429TM7"

    def test_certificate_info_computed(self):
        self.assertEqual(self.company.mx_cfdi_certificate_number, "30001000000500003416")
        self.assertEqual(self.company.mx_cfdi_certificate_expiry.year, 2027)
        for day, expected in (("2026-11-20", False), ("2027-05-01", "expires"), ("2027-06-01", "expired")):
            with freeze_time(day):
                self.company.invalidate_recordset(["mx_cfdi_certificate_warning"])
                warning = self.company.mx_cfdi_certificate_warning
                self.assertEqual(bool(warning), bool(expected), day)
                if expected:
                    self.assertIn(expected, warning)

    def test_cashier_cannot_read_csd(self):
        cashier = new_test_user(self.env, "mx_cashier", groups="base.group_user,point_of_sale.group_pos_user")
        company = self.company.with_user(cashier)
        for field in ("mx_cfdi_key", "mx_cfdi_password", "mx_cfdi_cer", "mx_cfdi_pac_password"):
            with self.assertRaises(AccessError):
                company.read([field])
        # public part stays readable
        self.assertTrue(company.read(["mx_cfdi_certificate_number"])[0]["mx_cfdi_certificate_number"])


@tagged("post_install", "-at_install")
class TestCfdiCancel(MxCfdiCommon):
    def _stamped_document(self):
        move = self._invoice()
        move.action_post()
        document = move.mx_cfdi_document_ids
        document._cron_process()
        self.assertEqual(document.state, "stamped")
        return document

    def test_motivo_01_needs_substitute(self):
        document = self._stamped_document()
        wizard = self.env["mx.cfdi.cancel.wizard"].create({"document_id": document.id, "motivo": "01"})
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(document.state, "stamped")

    def test_pending_acceptance_then_cancelled(self):
        document = self._stamped_document()
        substitute = "0D1E7E3A-7A6C-4F6E-9E3B-1C5A2D7F8B90"
        document.action_request_cancel("01", substitute)
        self.assertEqual(document.state, "to_cancel")
        pending = CancelResult(status="pending", raw="201")
        with patch.object(DemoPac, "cancel", return_value=pending) as cancel:
            document._cron_process()
        self.assertEqual(cancel.call_args.kwargs["substitute_uuid"], substitute)
        self.assertEqual((document.state, document.sat_status), ("to_cancel", "En proceso"))
        in_process = {
            "estado": "Vigente",
            "cancelable": "Cancelable con aceptación",
            "estatus_cancelacion": "En proceso",
        }
        with (
            patch.object(DemoPac, "sat_status", return_value=in_process),
            patch.object(DemoPac, "cancel", side_effect=AssertionError("cancel requested twice")),
        ):
            document._cron_process()
        self.assertEqual(document.state, "to_cancel")
        done = dict(in_process, estado="Cancelado", estatus_cancelacion="Cancelado con aceptación")
        with patch.object(DemoPac, "sat_status", return_value=done):
            document._cron_process()
        self.assertEqual(document.state, "cancelled")

    def test_receiver_rejects_cancellation(self):
        document = self._stamped_document()
        document.action_request_cancel("02")
        with patch.object(DemoPac, "cancel", return_value=CancelResult(status="pending")):
            document._cron_process()
        rejected = {"estado": "Vigente", "cancelable": "", "estatus_cancelacion": "Solicitud rechazada"}
        with patch.object(DemoPac, "sat_status", return_value=rejected):
            document._cron_process()
        self.assertEqual(document.state, "stamped")
        self.assertTrue(document.last_error)

    def test_finkok_cancel_sends_the_company_csd(self):
        document = self._stamped_document()
        finkok_fake.FinkokHandler.mode = "ok"
        finkok_fake.FinkokHandler.cancel_requests.clear()
        with fake_http.serve(finkok_fake.FinkokHandler) as url:
            self.company.write(
                {
                    "mx_cfdi_pac": "finkok",
                    "mx_cfdi_pac_url": url,
                    "mx_cfdi_pac_username": "user",
                    "mx_cfdi_pac_password": "wrong",
                }
            )
            document.action_request_cancel("02")
            document._cron_process()
            # the fake could not decrypt the key: Finkok's answer reaches the user, the CFDI stays valid
            self.assertEqual(document.state, "stamped")
            self.assertIn("Usuario o contraseña", document.last_error)
            self.company.mx_cfdi_pac_password = "secret"
            document.action_request_cancel("02")
            document._cron_process()
        self.assertEqual((document.state, document.sat_status), ("cancelled", "Cancelado"))
        sent = finkok_fake.FinkokHandler.cancel_requests[-1]
        self.assertEqual((sent["uuid"], sent["motivo"], sent["taxpayer_id"]), (document.uuid, "02", "EKU9003173C9"))
        key = base64.b64decode(sent["key"])
        self.assertIn(b"DEK-Info: DES-EDE3-CBC,", key, "the key is encrypted with the Finkok password")
        raw = (document.sudo().raw_response or "").encode()
        self.assertIn(b"Usuario o contrase", raw, "Finkok's answer to the refused request is kept for admins")
        for secret in (b"BEGIN RSA", key[-200:-40], b"secret"):
            self.assertNotIn(secret, raw, "no key nor password in the kept answer")


@tagged("post_install", "-at_install")
class TestCfdiPayment(MxCfdiCommon):
    def _pay(self, move, amount):
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=move.ids)
            .create({"amount": amount})
        )
        return wizard._create_payments()

    def test_ppd_payments_make_complements(self):
        move = self._invoice(lines=((1, 1000, 0),), mx_cfdi_metodo_pago="PPD")
        move.action_post()
        move.mx_cfdi_document_ids._cron_process()
        self.assertEqual(move.mx_cfdi_state, "stamped")
        self._pay(move, 500)
        self._pay(move, 660)
        complements = self.env["mx.cfdi.document"].search(
            [("origin_move_id", "=", move.id), ("cfdi_type", "=", "P")], order="installment"
        )
        self.assertEqual(complements.mapped("installment"), [1, 2])
        complements._cron_process()
        self.assertEqual(complements.mapped("state"), ["stamped", "stamped"])
        ns = {"pago20": "http://www.sat.gob.mx/Pagos20"}
        second = etree.fromstring(complements[1].attachment_id.raw)
        docto = second.find(".//pago20:DoctoRelacionado", ns)
        self.assertEqual(docto.get("IdDocumento"), move.mx_cfdi_uuid)
        self.assertEqual((docto.get("NumParcialidad"), docto.get("ImpSaldoAnt")), ("2", "660.00"))
        self.assertEqual(docto.get("ImpSaldoInsoluto"), "0.00")

    def test_pue_payment_needs_no_complement(self):
        move = self._invoice()
        move.action_post()
        move.mx_cfdi_document_ids._cron_process()
        self._pay(move, move.amount_total)
        self.assertFalse(self.env["mx.cfdi.document"].search([("origin_move_id", "=", move.id)]))
