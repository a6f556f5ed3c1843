"""SAT's public status service (used for SW Sapien) against a local fake SOAP server."""

import time
from http.server import BaseHTTPRequestHandler

import pytest

from odoo.addons.mx_cfdi.lib import sat_status
from odoo.addons.mx_cfdi.lib.pac import PacUnavailable
from odoo.addons.mx_cfdi.lib.pac.sw import SwSapienPac
from odoo.addons.mx_cfdi.tests.unit import fake_http

UUID = "0D1E7E3A-7A6C-4F6E-9E3B-1C5A2D7F8B90"
RESPONSE = """<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<ConsultaResponse xmlns="http://tempuri.org/"><ConsultaResult xmlns:a="{ns}"
 xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
<a:CodigoEstatus>S - Comprobante obtenido satisfactoriamente.</a:CodigoEstatus>
<a:EsCancelable>Cancelable con aceptación</a:EsCancelable><a:Estado>{estado}</a:Estado>
<a:EstatusCancelacion>{estatus}</a:EstatusCancelacion><a:ValidacionEFOS>200</a:ValidacionEFOS>
</ConsultaResult></ConsultaResponse></s:Body></s:Envelope>"""


class FakeSat(BaseHTTPRequestHandler):
    mode = "vigente"
    requests = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.requests.append((self.headers.get("SOAPAction"), body))
        if type(self).mode == "timeout":
            time.sleep(1.5)
        if type(self).mode == "5xx":
            self.send_response(503)
            self.end_headers()
            return
        estado, estatus = ("Cancelado", "Cancelado con aceptación") if self.mode == "cancelado" else ("Vigente", "")
        payload = RESPONSE.format(ns=sat_status.RESULT_NS, estado=estado, estatus=estatus).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture(scope="module")
def server():
    with fake_http.serve(FakeSat) as url:
        yield url


@pytest.fixture(autouse=True)
def reset():
    FakeSat.mode = "vigente"
    FakeSat.requests.clear()


def test_query_sends_the_printed_expression(server):
    status = sat_status.query("EKU9003173C9", "XAXX010101000", UUID, "116.00", url=server, timeout=1)
    assert status["estado"] == "Vigente" and status["cancelable"] == "Cancelable con aceptación"
    action, body = FakeSat.requests[-1]
    assert action == sat_status.ACTION
    assert f"?re=EKU9003173C9&amp;rr=XAXX010101000&amp;tt=116.00&amp;id={UUID}".encode() in body


def test_sw_cancellation_polling_uses_sat(server):
    FakeSat.mode = "cancelado"
    pac = SwSapienPac("user", "secret", "http://127.0.0.1:9", timeout=1, sat_status_url=server)
    status = pac.sat_status("EKU9003173C9", "XAXX010101000", UUID, "116.00")
    assert (status["estado"], status["estatus_cancelacion"]) == ("Cancelado", "Cancelado con aceptación")


@pytest.mark.parametrize("mode", ["timeout", "5xx"])
def test_sat_down_is_retryable(server, mode):
    FakeSat.mode = mode
    with pytest.raises(PacUnavailable):
        sat_status.query("EKU9003173C9", "XAXX010101000", UUID, "116.00", url=server, timeout=1)


def test_sat_refused():
    with pytest.raises(PacUnavailable):
        sat_status.query("EKU9003173C9", "XAXX010101000", UUID, "1.00", url=fake_http.closed_port_url(), timeout=1)
