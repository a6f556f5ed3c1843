import base64
import datetime
import uuid
import xmlrpc.client

from lxml import etree

from odoo import fields
from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..lib import builder, global_invoice
from .common import iva16, setup_mx_company

NS = {"cfdi": "http://www.sat.gob.mx/cfd/4"}


class MxCfdiPosCommon(TestPointOfSaleHttpCommon):
    @classmethod
    @AccountTestInvoicingCommon.setup_country("mx")
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = cls.main_pos_config.company_id
        # the demo company holds the same test RFC: keep one issuer
        env["res.company"].search([("vat", "=", "EKU9003173C9"), ("id", "!=", cls.company.id)]).vat = False
        setup_mx_company(env, cls.company)
        cls.iva16 = iva16(env, cls.company)
        cls.balata = env["product.product"].create(
            {
                "name": "CFDI Balata",
                "available_in_pos": True,
                "list_price": 100,
                "taxes_id": [fields.Command.set(cls.iva16.ids)],
                "mx_cfdi_clave_prod_serv": "25174800",
            }
        )
        mx = env.ref("base.mx").id
        regimen = env.ref("mx_cfdi.regimen_601").id
        cls.named = env["res.partner"].create(
            {
                "name": "Refacciones Del Bajio",
                "is_company": True,
                "country_id": mx,
                "vat": "URE180429TM6",
                "zip": "86991",
                "mx_cfdi_sat_name": "UNIVERSIDAD ROBOTICA ESPAÑOLA",
                "mx_cfdi_regimen_id": regimen,
                "mx_cfdi_uso_id": env.ref("mx_cfdi.uso_G01").id,
            }
        )
        cls.generic = env["res.partner"].create(
            {"name": "Mostrador Generico", "country_id": mx, "vat": "XAXX010101000", "zip": "42501"}
        )
        cls.bank = cls.main_pos_config.payment_method_ids.filtered(lambda pm: pm.type == "bank")[:1]

    def _open_session(self):
        config = self.main_pos_config
        if not config.current_session_id:
            config.with_user(self.pos_user).open_ui()
        return config.current_session_id

    def _sell(self, qty=1, partner=None, refund_of=None, date=None):
        """One order through sync_from_ui, as the POS sends it (refund_of: refund that order's line)."""
        data = self._order_data(qty, partner, refund_of, date)
        self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].search([("uuid", "=", data["uuid"])])

    def _order_data(self, qty=1, partner=None, refund_of=None, date=None):
        session = self._open_session()
        price = self.balata.list_price
        subtotal = price * qty
        tax = round(subtotal * 0.16, 2)
        line = {
            "product_id": self.balata.id,
            "qty": qty,
            "price_unit": price,
            "price_subtotal": subtotal,
            "price_subtotal_incl": subtotal + tax,
            "tax_ids": [fields.Command.set(self.iva16.ids)],
            "uuid": str(uuid.uuid4()),
        }
        if refund_of:
            line["refunded_orderline_id"] = refund_of.lines[0].id
        order_uuid = str(uuid.uuid4())
        data = {
            "amount_paid": subtotal + tax,
            "amount_return": 0,
            "amount_tax": tax,
            "amount_total": subtotal + tax,
            "date_order": fields.Datetime.to_string(date or fields.Datetime.now()),
            "pricelist_id": self.main_pos_config.pricelist_id.id,
            "name": f"Order {order_uuid}",
            "lines": [fields.Command.create(line)],
            "session_id": session.id,
            "payment_ids": [fields.Command.create({"amount": subtotal + tax, "payment_method_id": self.bank.id})],
            "uuid": order_uuid,
            "user_id": self.env.uid,
            "state": "paid",
            "partner_id": partner.id if partner else False,
            "to_invoice": bool(partner),
            "is_refund": bool(refund_of),
            "last_order_preparation_change": "{}",
        }
        return data

    def _cron_global_invoice(self):
        return self.env["mx.cfdi.document"].sudo()._cron_global_invoice()  # as the cron runs it (root)

    def _close(self, session):
        session.post_closing_cash_details(0)
        session.close_session_from_ui()
        self.assertEqual(session.state, "closed")


@tagged("post_install", "-at_install")
class TestPosCfdi(MxCfdiPosCommon):
    def test_tour_invoice_requested_at_the_counter(self):
        self.start_pos_tour("MxCfdiInvoiceAtCounterTour")
        orders = self.env["pos.order"].search([("config_id", "=", self.main_pos_config.id)])
        self.assertEqual(orders.partner_id, self.named, "the generic-RFC attempt was never sent")
        invoice = orders.account_move
        document = invoice.mx_cfdi_document_ids
        self.assertEqual(document.state, "to_stamp", "the POS does not wait on the PAC")
        self.assertFalse(invoice.invoice_pdf_report_id, "no PDF nor email before the stamp")
        self.assertEqual((invoice.mx_cfdi_forma_pago, invoice.mx_cfdi_uso_id.code), ("04", "G01"))
        document.sudo()._cron_process()  # as the cron does (root)
        self.assertEqual(document.state, "stamped")
        self.assertEqual(document.attachment_id.res_model, "account.move")
        self.assertEqual(document.attachment_id.res_id, invoice.id)
        root = etree.fromstring(document.attachment_id.raw)
        receptor = root.find("cfdi:Receptor", NS)
        self.assertEqual((receptor.get("Rfc"), receptor.get("UsoCFDI")), ("URE180429TM6", "G01"))
        self.assertEqual(root.get("FormaPago"), "04")

    def test_generic_rfc_refused_for_a_named_invoice(self):
        order = self._sell()
        order.partner_id = self.generic
        with self.assertRaisesRegex(UserError, "RFC"):
            order.action_pos_order_invoice()

    def test_global_invoice_at_session_close(self):
        session = self._open_session()
        sale_a = self._sell(qty=2)
        sale_b = self._sell(qty=1)
        refunded = self._sell(qty=3)
        self._sell(qty=-1, refund_of=refunded)  # partial refund, netted into its ticket
        gone = self._sell(qty=1)
        self._sell(qty=-1, refund_of=gone)  # full refund: the ticket disappears
        invoiced = self._sell(qty=5, partner=self.named)
        self.assertTrue(invoiced.account_move)
        self._close(session)
        document = self.env["mx.cfdi.document"].search([("is_global", "=", True), ("company_id", "=", self.company.id)])
        self.assertEqual(len(document), 1)
        self.assertNotIn(invoiced, document.pos_order_ids, "an invoiced ticket is not counted twice")
        self.assertEqual(len(document.pos_order_ids), 6)
        document.sudo()._cron_process()
        self.assertEqual(document.state, "stamped", document.last_error)
        root = etree.fromstring(document.attachment_id.raw)
        info = root.find("cfdi:InformacionGlobal", NS)
        today = fields.Date.context_today(self.env.user)
        self.assertEqual(info.get("Periodicidad"), "01")
        self.assertEqual(int(info.get("Año")), today.year)
        receptor = root.find("cfdi:Receptor", NS)
        self.assertEqual((receptor.get("Rfc"), receptor.get("Nombre")), ("XAXX010101000", "PUBLICO EN GENERAL"))
        self.assertEqual((receptor.get("RegimenFiscalReceptor"), receptor.get("UsoCFDI")), ("616", "S01"))
        conceptos = root.findall("cfdi:Conceptos/cfdi:Concepto", NS)
        amounts = {c.get("NoIdentificacion"): c.get("Importe") for c in conceptos}
        self.assertEqual(
            amounts,
            {
                sale_a.pos_reference: "200.00",
                sale_b.pos_reference: "100.00",
                refunded.pos_reference: "200.00",
            },
        )
        self.assertTrue(all(c.get("ClaveUnidad") == "ACT" and c.get("ClaveProdServ") == "01010101" for c in conceptos))
        self.assertEqual(root.get("Total"), "580.00")
        # a ticket of the global invoice cannot be invoiced afterwards
        with self.assertRaisesRegex(UserError, "global"):
            sale_a.action_pos_order_invoice()
        # the printed representation carries the SAT QR and the UUID
        html = self.env["ir.actions.report"]._render_qweb_html("mx_cfdi.mx_cfdi_document_report", document.ids)[0]
        self.assertIn(document.uuid.encode(), html)
        self.assertIn(b"data:image/png;base64,", html)

    def test_late_refund_gets_a_global_credit_note(self):
        session = self._open_session()
        sale = self._sell(qty=3)
        self._close(session)
        origin = sale.mx_cfdi_global_document_id
        self.assertTrue(origin)
        session = self._open_session()
        refund = self._sell(qty=-1, refund_of=sale)  # the customer returns one piece the next day
        self._close(session)
        credit = refund.mx_cfdi_global_document_id
        self.assertEqual((credit.cfdi_type, credit.origin_document_id), ("E", origin))
        (origin | credit).sudo()._cron_process()
        self.assertEqual((origin.state, credit.state), ("stamped", "stamped"), credit.last_error)
        root = etree.fromstring(credit.attachment_id.raw)
        self.assertEqual(root.get("TipoDeComprobante"), "E")
        self.assertEqual(root.find("cfdi:CfdiRelacionados/cfdi:CfdiRelacionado", NS).get("UUID"), origin.uuid)
        self.assertEqual(root.find("cfdi:Receptor", NS).get("Rfc"), "XAXX010101000")
        (concepto,) = root.findall("cfdi:Conceptos/cfdi:Concepto", NS)
        self.assertEqual((concepto.get("NoIdentificacion"), concepto.get("Importe")), (sale.pos_reference, "100.00"))

    def test_daily_cron_takes_past_days_once(self):
        yesterday = fields.Datetime.now() - datetime.timedelta(days=1)
        old = self._sell(qty=1, date=yesterday)
        today = self._sell(qty=1)
        documents = self._cron_global_invoice()
        mine = documents.filtered(lambda d: d.company_id == self.company)
        self.assertEqual(mine.pos_order_ids, old)
        self.assertFalse(today.mx_cfdi_global_document_id, "today's tickets wait for the session close")
        again = self._cron_global_invoice().filtered(lambda d: d.company_id == self.company)
        self.assertFalse(again)

    def test_monthly_periodicity(self):
        self.company.mx_cfdi_global_periodicidad = "04"
        last_month = fields.Datetime.now().replace(day=1) - datetime.timedelta(days=3)
        old = self._sell(qty=1, date=last_month)
        session = self._open_session()
        self._sell(qty=1)
        self._close(session)
        self.assertFalse(self.env["mx.cfdi.document"].search([("pos_order_ids", "in", session.order_ids.ids)]))
        documents = self._cron_global_invoice()
        mine = documents.filtered(lambda d: d.company_id == self.company)
        self.assertEqual(mine.pos_order_ids, old)
        self.assertEqual(mine.global_periodicidad, "04")

    def test_weekly_fortnightly_bimonthly_periodicities(self):
        today = builder.mexico_now().date()
        for periodicidad in ("02", "03", "05"):
            with self.subTest(periodicidad=periodicidad):
                self.company.mx_cfdi_global_periodicidad = periodicidad
                day = global_invoice.period_start(today, periodicidad) - datetime.timedelta(days=1)
                old = self._sell(qty=1, date=builder.mexico_to_utc(datetime.datetime.combine(day, datetime.time(12))))
                current = self._sell(qty=1)
                documents = self._cron_global_invoice()
                mine = documents.filtered(lambda d: d.company_id == self.company)
                self.assertEqual(mine.pos_order_ids, old)
                self.assertFalse(current.mx_cfdi_global_document_id, "the current period is not over")
                info = global_invoice.informacion_global(day, periodicidad)
                self.assertEqual((mine.global_periodicidad, mine.global_meses), (periodicidad, info["meses"]))
                self.assertEqual(mine.name, f"FG/{global_invoice.period_label(day, periodicidad)}")
                mine.sudo()._cron_process()
                root = etree.fromstring(base64.b64decode(mine.sudo().signed_xml))
                glob = root.find("cfdi:InformacionGlobal", NS)
                self.assertEqual((glob.get("Periodicidad"), glob.get("Meses")), (periodicidad, info["meses"]))

    def test_stamped_invoice_is_emailed_with_pdf_and_xml(self):
        self.named.email = "compras@refacciones-bajio.example"
        order = self._sell(qty=1, partner=self.named)
        invoice = order.account_move
        invoice.mx_cfdi_document_ids.sudo()._cron_process()
        xml = invoice.mx_cfdi_document_ids.attachment_id
        message = invoice.message_ids.filtered(lambda m: xml.name in m.attachment_ids.mapped("name"))
        self.assertEqual(len(message), 1, "one email with the stamped XML")
        self.assertIn(self.named, message.partner_ids)
        self.assertIn(invoice.invoice_pdf_report_id.name, message.attachment_ids.mapped("name"))
        self.assertIn(invoice.mx_cfdi_uuid.encode(), invoice.invoice_pdf_report_id.raw, "the PDF made after stamping")

    def test_invoice_pdf_xmlrpc_and_portal(self):
        order = self._sell(qty=2, partner=self.named)
        invoice = order.account_move
        invoice.mx_cfdi_document_ids.sudo()._cron_process()
        html = self.env["ir.actions.report"]._render_qweb_html("account.account_invoices", invoice.ids)[0]
        self.assertIn(invoice.mx_cfdi_uuid.encode(), html)
        self.assertIn(b"data:image/png;base64,", html)
        # the email and the portal download carry the XML with the PDF
        extra = self.env["account.move.send"]._get_invoice_extra_attachments(invoice)
        self.assertIn(invoice.mx_cfdi_document_ids.attachment_id, extra)
        # a customer reads its own invoice's status, UUID and XML over XML-RPC, and no one else's
        portal = new_test_user(self.env, "mx_portal", groups="base.group_portal", password="mx_portal_pwd")
        portal.partner_id.parent_id = self.named
        other = self._sell(qty=1, partner=self.named.copy({"name": "Otro Cliente", "vat": "ICV060329BY0"}))
        other_ids = other.account_move.ids
        self.env.cr.flush()
        files = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, portal.id, "mx_portal_pwd", "account.move", "mx_cfdi_get_files", [invoice.ids]
        )
        self.assertEqual((files[0]["uuid"], files[0]["state"]), (invoice.mx_cfdi_uuid, "stamped"))
        self.assertIn(b"TimbreFiscalDigital", base64.b64decode(files[0]["xml"]))
        with self.assertRaises(xmlrpc.client.Fault):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                portal.id,
                "mx_portal_pwd",
                "account.move",
                "mx_cfdi_get_files",
                [other_ids],
            )
        # portal: the XML download of one's invoice
        self.authenticate("mx_portal", "mx_portal_pwd")
        response = self.url_open(f"/my/invoices/{invoice.id}/cfdi.xml")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"TimbreFiscalDigital", response.content)
        response = self.url_open(f"/my/invoices/{other.account_move.id}/cfdi.xml", allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)

    def _stamped_global_invoice(self):
        session = self._open_session()
        sale = self._sell(qty=1)
        self._close(session)
        origin = sale.mx_cfdi_global_document_id
        origin.sudo()._cron_process()
        self.assertTrue(origin.uuid)
        return sale, origin

    def _sync_as_cashier(self, data):
        self.authenticate("pos_user", "pos_user")
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/pos.order/sync_from_ui",
            {"model": "pos.order", "method": "sync_from_ui", "args": [[data]], "kwargs": {}},
        )
        return self.env["pos.order"].search([("uuid", "=", data["uuid"])])

    def _assert_synced_outside_any_global_invoice(self, order, origin):
        self.assertEqual(order.state, "paid", "the ticket itself is kept")
        self.assertFalse(order.mx_cfdi_global_document_id, "the server decides the global invoice")
        session = order.session_id
        self._close(session)
        self.assertTrue(order.mx_cfdi_global_document_id, "the ticket goes into the next global invoice")
        self.assertNotEqual(order.mx_cfdi_global_document_id, origin)

    def test_tampered_till_cannot_choose_the_global_invoice(self):
        _sale, origin = self._stamped_global_invoice()
        data = self._order_data(qty=2)
        data["mx_cfdi_global_document_id"] = origin.id  # "already in that global invoice": out of every other
        self._assert_synced_outside_any_global_invoice(self._sync_as_cashier(data), origin)

    def test_tampered_till_cannot_choose_it_by_uuid_mapping(self):
        _sale, origin = self._stamped_global_invoice()
        data = self._order_data(qty=2)
        # from the order's side, and from the global invoice's (its fiscal UUID is a "uuid" too)
        data["relations_uuid_mapping"] = {
            "pos.order": {data["uuid"]: {"mx_cfdi_global_document_id": origin.uuid}},
            "mx.cfdi.document": {origin.uuid: {"pos_order_ids": [data["uuid"]]}},
        }
        self._assert_synced_outside_any_global_invoice(self._sync_as_cashier(data), origin)

    def test_cashier_cannot_move_a_ticket_between_global_invoices(self):
        sale, origin = self._stamped_global_invoice()
        other = self._sell(qty=2)
        db, uid = self.env.cr.dbname, self.pos_user.id
        # out of a stamped global invoice (to invoice it a second time), or into one (out of the next)
        for order, value in ((sale, False), (other, origin.id)):
            self.env.flush_all()
            with self.assertRaises(xmlrpc.client.Fault) as caught:
                self.xmlrpc_object.execute_kw(
                    db, uid, "pos_user", "pos.order", "write", [order.ids, {"mx_cfdi_global_document_id": value}]
                )
            self.assertEqual(caught.exception.faultCode, 4, caught.exception.faultString)
        self.env.invalidate_all()
        self.assertEqual((sale.mx_cfdi_global_document_id, other.mx_cfdi_global_document_id.id), (origin, False))
