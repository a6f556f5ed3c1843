"""XML from outside (PAC and SAT answers, stamped CFDI) never resolves an entity: a file:// entity stays unread."""

import datetime
from http.server import BaseHTTPRequestHandler

import pytest
from lxml import etree
from satcfdi.utils import parser as satcfdi_parser

from odoo.addons.mx_cfdi.lib import builder, safe_xml, sat_status, tfd
from odoo.addons.mx_cfdi.lib.pac import PacUnavailable
from odoo.addons.mx_cfdi.lib.pac.finkok import FinkokPac
from odoo.addons.mx_cfdi.tests.unit import fake_http, finkok_fake

SECRET = "CSD-LLAVE-SECRETA"
UUID = "0D1E7E3A-7A6C-4F6E-9E3B-1C5A2D7F8B90"


@pytest.fixture()
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def doctype(path):
    return f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{path}">]>'


def test_parser_does_not_resolve_a_file_entity(secret_file):
    xml = f'<?xml version="1.0"?>{doctype(secret_file)}<r><a>&x;</a></r>'.encode()
    # satcfdi's own parser (CFDI.from_string) reads the file: lxml resolves entities unless told not to
    assert SECRET.encode() in etree.tostring(etree.fromstring(xml, parser=satcfdi_parser))
    assert SECRET.encode() not in etree.tostring(etree.fromstring(xml, parser=safe_xml.parser()))
    with pytest.raises(safe_xml.UnsafeXmlError):
        safe_xml.fromstring(xml)


def test_plain_xml_parses():
    assert safe_xml.fromstring('<r a="1"><b>ñ</b></r>').findtext("b") == "ñ"
    with pytest.raises(etree.XMLSyntaxError):
        safe_xml.fromstring(b"<r>")


def test_stamped_cfdi_with_a_doctype_is_refused(secret_file):
    xml = (
        f'<?xml version="1.0"?>{doctype(secret_file).replace("DOCTYPE r", "DOCTYPE cfdi:Comprobante")}'
        '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Total="116.00">'
        '<cfdi:Emisor Rfc="EKU9003173C9"/><cfdi:Receptor Rfc="XAXX010101000"/><cfdi:Addenda>&x;</cfdi:Addenda>'
        "</cfdi:Comprobante>"
    ).encode()
    with pytest.raises(safe_xml.UnsafeXmlError):
        tfd.parse(xml)
    with pytest.raises(safe_xml.UnsafeXmlError):
        tfd.conceptos(xml)


def test_payment_complement_refuses_an_origin_xml_with_a_doctype(secret_file):
    # the complement reads the stamped XML of the paid invoice (as the PAC returned it)
    xml = (
        f'<?xml version="1.0"?>{doctype(secret_file).replace("DOCTYPE r", "DOCTYPE cfdi:Comprobante")}'
        '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" Total="116.00" Moneda="MXN">'
        "<cfdi:Addenda>&x;</cfdi:Addenda></cfdi:Comprobante>"
    ).encode()
    data = {
        "docs": [{"xml": xml, "num_parcialidad": 1, "saldo_anterior": 116, "pagado": 116}],
        "fecha_pago": datetime.datetime(2026, 11, 20, 12, 0),
        "forma_pago": "03",
    }
    with pytest.raises(safe_xml.UnsafeXmlError):
        builder.build_pago(data)


class XxeSat(BaseHTTPRequestHandler):
    """SAT's status service answering with an external entity in Estado."""

    secret_path = None

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = (
            f'<?xml version="1.0"?>{doctype(self.secret_path).replace("DOCTYPE r", "DOCTYPE s:Envelope")}'
            '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
            f'<ConsultaResponse xmlns="http://tempuri.org/"><ConsultaResult xmlns:a="{sat_status.RESULT_NS}">'
            "<a:Estado>&x;</a:Estado></ConsultaResult></ConsultaResponse></s:Body></s:Envelope>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_sat_status_answer_with_an_entity_is_refused(secret_file):
    XxeSat.secret_path = secret_file
    with fake_http.serve(XxeSat) as url, pytest.raises(PacUnavailable) as exc:
        sat_status.query("EKU9003173C9", "XAXX010101000", UUID, "116.00", url=url, timeout=5)
    assert SECRET not in exc.value.message


def test_finkok_answer_with_an_entity_is_refused(secret_file):
    finkok_fake.FinkokHandler.mode = "xxe"
    finkok_fake.FinkokHandler.secret_path = secret_file
    try:
        with fake_http.serve(finkok_fake.FinkokHandler) as url, pytest.raises(PacUnavailable) as exc:
            FinkokPac("user", "secret", url, timeout=5).sat_status("EKU9003173C9", "XAXX010101000", UUID, "116.00")
    finally:
        finkok_fake.FinkokHandler.mode = "ok"
    assert SECRET not in exc.value.message
