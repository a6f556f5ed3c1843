"""Who may do what with CFDI documents, tried over XML-RPC as the shop's staff would.

Documents are created and changed only by the suite's code paths (posting, payments, the POS, the queue);
staff go through the doors (retry, stamp now, request cancellation), each checking the caller's group and
the document's state; the XML handed out is only the one attached to the document's own record.
"""

import base64
import contextlib
import xmlrpc.client
from unittest.mock import patch

from odoo.addons.mx_cfdi.lib.pac.demo import DemoPac
from odoo.tests import HttpCase, new_test_user, tagged

from .common import CSD_DIR, MxCfdiCommon

ACCESS_ERROR, USER_ERROR = 4, 2
SUBSTITUTE = "0D1E7E3A-7A6C-4F6E-9E3B-1C5A2D7F8B90"


class MxCfdiRpcCommon(MxCfdiCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        invoicing = "account.group_account_invoice"
        cls.invoicing_user = cls._user("mx_invoicing", invoicing)
        cls.cfdi_user = cls._user("mx_cfdi_user", f"{invoicing},mx_cfdi.group_mx_cfdi_user")
        cls.cfdi_manager = cls._user("mx_cfdi_manager", f"{invoicing},mx_cfdi.group_mx_cfdi_manager")
        cls.admin = cls._user("mx_sysadmin", f"{invoicing},mx_cfdi.group_mx_cfdi_manager,base.group_system")

    @classmethod
    def _user(cls, login, groups):
        return new_test_user(cls.env, login, groups=groups, password=f"{login}-pwd", lang="en_US")

    def rpc(self, user, model, method, *args, **kwargs):
        self.env.flush_all()
        result = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, f"{user.login}-pwd", model, method, list(args), kwargs
        )
        self.env.invalidate_all()
        return result

    def assertRefused(self, code, user, model, method, *args, **kwargs):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self.rpc(user, model, method, *args, **kwargs)
        self.assertEqual(caught.exception.faultCode, code, caught.exception.faultString)
        return caught.exception

    def _stamped_invoice(self):
        move = self._invoice()
        move.action_post()
        move.mx_cfdi_document_ids._cron_process()
        self.assertEqual(move.mx_cfdi_state, "stamped")
        return move

    def _csd_key_attachment(self):
        return self.env["ir.attachment"].search(
            [("res_model", "=", "res.company"), ("res_id", "=", self.company.id), ("res_field", "=", "mx_cfdi_key")]
        )


@tagged("post_install", "-at_install")
class TestCfdiDocumentAccess(MxCfdiRpcCommon):
    def test_staff_cannot_create_write_or_delete_documents(self):
        move = self._stamped_invoice()
        document = move.mx_cfdi_document_ids
        snapshot = document.read(["state", "uuid", "attachment_id", "signed_xml", "cancel_motivo"])
        key = self._csd_key_attachment()
        self.assertTrue(key, "the CSD key is an attachment of the company")
        forged = {
            "name": "FORJADO",
            "company_id": self.company.id,
            "move_id": move.id,
            "cfdi_type": "I",
            "state": "stamped",
            "attachment_id": key.id,
        }
        for user in (self.invoicing_user, self.cfdi_user, self.cfdi_manager, self.admin):
            with self.subTest(user=user.login):
                self.assertRefused(ACCESS_ERROR, user, "mx.cfdi.document", "create", forged)
                for vals in (
                    {"state": "to_cancel", "cancel_motivo": "02"},
                    {"state": "to_stamp"},
                    {"uuid": SUBSTITUTE},
                    {"attachment_id": key.id},
                    {"signed_xml": base64.b64encode(b"<forjado/>").decode()},
                ):
                    self.assertRefused(ACCESS_ERROR, user, "mx.cfdi.document", "write", document.ids, vals)
                self.assertRefused(ACCESS_ERROR, user, "mx.cfdi.document", "unlink", document.ids)
                # nor through the invoice: the one2many (Command.create on the wire) and the related fields
                self.assertRefused(
                    ACCESS_ERROR,
                    user,
                    "account.move",
                    "write",
                    move.ids,
                    {"mx_cfdi_document_ids": [(0, 0, {k: v for k, v in forged.items() if k != "move_id"})]},
                )
                # a readonly related field: refused or ignored, never written through
                with contextlib.suppress(xmlrpc.client.Fault):
                    self.rpc(user, "account.move", "write", move.ids, {"mx_cfdi_state": "to_cancel"})
        self.assertEqual(document.read(list(snapshot[0])), snapshot)
        self.assertEqual(move.mx_cfdi_document_ids, document, "no second document on the invoice")
        with patch.object(DemoPac, "cancel", side_effect=AssertionError("cancellation sent")):
            self.env["mx.cfdi.document"]._cron_process()
        self.assertEqual(document.state, "stamped")

    def test_invoicing_user_reads_documents_but_opens_no_door(self):
        move = self._stamped_invoice()
        document = move.mx_cfdi_document_ids
        read = self.rpc(self.invoicing_user, "mx.cfdi.document", "read", document.ids, ["state", "uuid"])
        self.assertEqual(read[0]["uuid"], document.uuid)
        self.assertRefused(
            ACCESS_ERROR, self.invoicing_user, "mx.cfdi.document", "action_request_cancel", document.ids, "02"
        )
        self.assertRefused(ACCESS_ERROR, self.invoicing_user, "mx.cfdi.document", "action_process_now", document.ids)
        self.assertRefused(ACCESS_ERROR, self.invoicing_user, "mx.cfdi.document", "action_retry", document.ids)
        self.assertRefused(
            ACCESS_ERROR, self.invoicing_user, "mx.cfdi.cancel.wizard", "create", {"document_id": document.id}
        )
        self.assertEqual(document.state, "stamped")

    def test_doors_check_the_state(self):
        move = self._stamped_invoice()
        stamped = move.mx_cfdi_document_ids
        queued = self._invoice(lines=((1, 50, 0),))
        queued.action_post()
        to_stamp = queued.mx_cfdi_document_ids
        user = self.cfdi_user
        self.assertRefused(USER_ERROR, user, "mx.cfdi.document", "action_retry", stamped.ids)
        self.assertRefused(USER_ERROR, user, "mx.cfdi.document", "action_process_now", stamped.ids)
        self.assertRefused(USER_ERROR, user, "mx.cfdi.document", "action_request_cancel", to_stamp.ids, "02")
        self.assertRefused(USER_ERROR, user, "mx.cfdi.document", "action_retry", to_stamp.ids)
        # the substitute UUID goes into the PAC request (SW Sapien: into its URL): a UUID or nothing
        self.assertRefused(USER_ERROR, user, "mx.cfdi.document", "action_request_cancel", stamped.ids, "01", "../../x")
        self.assertEqual((stamped.state, to_stamp.state), ("stamped", "to_stamp"))

    def test_cfdi_user_walks_the_doors(self):
        move = self._invoice()
        move.action_post()
        document = move.mx_cfdi_document_ids
        document._fail(ValueError("rechazada"))
        self.assertEqual(document.state, "error")
        self.assertTrue(self.rpc(self.cfdi_user, "mx.cfdi.document", "action_retry", document.ids))
        self.assertEqual(document.state, "to_stamp")
        self.assertTrue(self.rpc(self.cfdi_user, "mx.cfdi.document", "action_process_now", document.ids))
        self.assertEqual(document.state, "stamped")
        self.assertTrue(document.uuid)
        wizard = self.rpc(
            self.cfdi_user, "mx.cfdi.cancel.wizard", "create", {"document_id": document.id, "motivo": "01"}
        )
        self.assertRefused(USER_ERROR, self.cfdi_user, "mx.cfdi.cancel.wizard", "action_confirm", [wizard])
        wizard = self.rpc(
            self.cfdi_user,
            "mx.cfdi.cancel.wizard",
            "create",
            {"document_id": document.id, "motivo": "01", "substitute_uuid": SUBSTITUTE.lower()},
        )
        self.rpc(self.cfdi_user, "mx.cfdi.cancel.wizard", "action_confirm", [wizard])
        self.assertEqual((document.state, document.substitute_uuid), ("to_cancel", SUBSTITUTE))
        self.env["mx.cfdi.document"]._cron_process()
        self.assertEqual(document.state, "cancelled")

    def test_refusal_is_in_spanish(self):
        document = self._stamped_invoice().mx_cfdi_document_ids
        spanish = {"lang": "es_MX"}  # what the web client sends for a user in Spanish
        fault = self.assertRefused(
            ACCESS_ERROR, self.invoicing_user, "mx.cfdi.document", "action_retry", document.ids, context=spanish
        )
        self.assertIn("Solo los usuarios de CFDI", fault.faultString)
        fault = self.assertRefused(
            USER_ERROR, self.cfdi_user, "mx.cfdi.document", "action_retry", document.ids, context=spanish
        )
        self.assertIn("Solo se pueden reintentar CFDI rechazados", fault.faultString)

    def test_other_company_documents_are_out_of_reach(self):
        other = self.env["res.company"].create({"name": "Sucursal Norte", "country_id": self.env.ref("base.mx").id})
        document = self.env["mx.cfdi.document"].create({"name": "NORTE-1", "company_id": other.id, "cfdi_type": "I"})
        document._fail(ValueError("rechazada"))
        self.assertRefused(ACCESS_ERROR, self.cfdi_user, "mx.cfdi.document", "action_retry", document.ids)
        self.assertRefused(ACCESS_ERROR, self.cfdi_user, "mx.cfdi.document", "read", document.ids, ["state"])
        self.assertEqual(document.state, "error")

    def test_cron_never_stamps_or_cancels_an_inconsistent_document(self):
        # a state no door sets (written behind the ORM's back): a queued document that already has a UUID, a
        # cancellation without a stamp. The queue leaves both alone instead of stamping twice or asking SAT.
        stamped = self._stamped_invoice().mx_cfdi_document_ids
        queued = self._invoice(lines=((1, 50, 0),))
        queued.action_post()
        unstamped = queued.mx_cfdi_document_ids
        self.env.cr.execute("UPDATE mx_cfdi_document SET state = 'to_stamp' WHERE id = %s", stamped.ids)
        self.env.cr.execute("UPDATE mx_cfdi_document SET state = 'to_cancel' WHERE id = %s", unstamped.ids)
        self.env.invalidate_all()
        before = (stamped | unstamped).read(["state", "uuid", "attempts", "last_error"])
        # the queue swallows a document's exception (logged, retried): the PAC mocks record the calls instead
        with (
            patch.object(DemoPac, "stamp") as stamp,
            patch.object(DemoPac, "stamped") as already_stamped,
            patch.object(DemoPac, "cancel") as cancel,
            patch.object(DemoPac, "sat_status") as sat_status,
        ):
            self.env["mx.cfdi.document"]._cron_process()
        for mock in (stamp, already_stamped, cancel, sat_status):
            mock.assert_not_called()
        self.assertEqual((stamped | unstamped).read(["state", "uuid", "attempts", "last_error"]), before)


@tagged("post_install", "-at_install")
class TestCfdiXmlBelongsToItsDocument(MxCfdiRpcCommon):
    def _files(self, move):
        return self.rpc(self.invoicing_user, "account.move", "mx_cfdi_get_files", move.ids)[0]

    def test_own_xml_is_returned(self):
        move = self._stamped_invoice()
        files = self._files(move)
        self.assertEqual((files["state"], files["uuid"]), ("stamped", move.mx_cfdi_uuid))
        self.assertIn(b"TimbreFiscalDigital", base64.b64decode(files["xml"]))

    def test_an_attachment_of_something_else_is_never_returned(self):
        move = self._stamped_invoice()
        document = move.mx_cfdi_document_ids
        own = document.attachment_id
        other_move = self._stamped_invoice()
        other_company = self.env["res.company"].create({"name": "Otra razón social"})
        misplaced = own.copy({"company_id": other_company.id})
        candidates = {
            "the company's CSD key": self._csd_key_attachment(),
            "another invoice's XML": other_move.mx_cfdi_document_ids.attachment_id,
            "an attachment of another company": misplaced,
        }
        for label, attachment in candidates.items():
            with self.subTest(label):
                # a link no door makes (legacy data, a past forgery): whatever it points to stays unread
                self.env.cr.execute(
                    "UPDATE mx_cfdi_document SET attachment_id = %s WHERE id = %s", [attachment.id, document.id]
                )
                self.env.invalidate_all()
                files = self._files(move)
                self.assertFalse(files["xml"], label)
                self.assertFalse(move._mx_cfdi_stamped_attachment(), label)
                self.assertFalse(document._print_values(), label)
                extra = self.env["account.move.send"]._get_invoice_extra_attachments(move)
                self.assertNotIn(attachment, extra, label)


@tagged("post_install", "-at_install")
class TestCfdiCompanySecrets(MxCfdiRpcCommon):
    SECRETS = ("mx_cfdi_key", "mx_cfdi_password", "mx_cfdi_pac_username", "mx_cfdi_pac_password")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"mx_cfdi_pac_username": "usuario-pac", "mx_cfdi_pac_password": "secreto-pac"})

    def _csd_files(self, password="12345678a"):
        return {
            "company_id": self.company.id,
            "cer_file": base64.b64encode((CSD_DIR / "EKU9003173C9.cer").read_bytes()).decode(),
            "key_file": base64.b64encode((CSD_DIR / "EKU9003173C9.key").read_bytes()).decode(),
            "key_password": password,
        }

    def test_only_administrators_read_the_key_and_the_pac_credentials(self):
        for user in (self.cfdi_manager, self.cfdi_user, self.invoicing_user):
            for field in self.SECRETS:
                with self.subTest(user=user.login, field=field):
                    self.assertRefused(ACCESS_ERROR, user, "res.company", "read", self.company.ids, [field])
            # the key's attachment is no way around it
            self.assertRefused(ACCESS_ERROR, user, "ir.attachment", "read", self._csd_key_attachment().ids, ["datas"])
        public = self.rpc(
            self.cfdi_manager, "res.company", "read", self.company.ids, ["mx_cfdi_cer", "mx_cfdi_certificate_number"]
        )[0]
        self.assertEqual(public["mx_cfdi_certificate_number"], "30001000000500003416")
        self.assertTrue(public["mx_cfdi_cer"], "the certificate is public: every CFDI carries it")
        secrets = self.rpc(self.admin, "res.company", "read", self.company.ids, list(self.SECRETS))[0]
        self.assertEqual((secrets["mx_cfdi_password"], secrets["mx_cfdi_pac_password"]), ("12345678a", "secreto-pac"))

    def test_cfdi_manager_loads_a_csd_without_reading_it_back(self):
        self.company.write({"mx_cfdi_key": False, "mx_cfdi_password": False})
        manager = self.cfdi_manager
        wizard = self.rpc(manager, "mx.cfdi.csd.wizard", "create", self._csd_files(password="equivocada"))
        fault = self.assertRefused(USER_ERROR, manager, "mx.cfdi.csd.wizard", "action_confirm", [wizard])
        self.assertIn("password", fault.faultString)
        self.assertFalse(self.company.mx_cfdi_key, "nothing stored after a refusal")
        wizard = self.rpc(manager, "mx.cfdi.csd.wizard", "create", self._csd_files())
        self.rpc(manager, "mx.cfdi.csd.wizard", "action_confirm", [wizard])
        self.assertEqual(self.company.mx_cfdi_password, "12345678a")
        self.assertTrue(self.company._mx_cfdi_signer())
        stored = self.env["mx.cfdi.csd.wizard"].browse(wizard).read(["cer_file", "key_file", "key_password"])[0]
        self.assertFalse(stored["key_file"] or stored["key_password"], "the wizard keeps no copy of the key")
        for field in self.SECRETS:
            self.assertRefused(ACCESS_ERROR, manager, "res.company", "read", self.company.ids, [field])

    def test_csd_of_another_rfc_is_refused(self):
        self.company.vat = "URE180429TM6"
        wizard = self.rpc(self.cfdi_manager, "mx.cfdi.csd.wizard", "create", self._csd_files())
        self.assertRefused(USER_ERROR, self.cfdi_manager, "mx.cfdi.csd.wizard", "action_confirm", [wizard])

    def test_only_cfdi_managers_load_a_csd(self):
        for user in (self.cfdi_user, self.invoicing_user):
            with self.subTest(user=user.login):
                self.assertRefused(ACCESS_ERROR, user, "mx.cfdi.csd.wizard", "create", self._csd_files())
