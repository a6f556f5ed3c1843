"""SW Sapien connector against a local fake REST server."""

import json
import time
from http.server import BaseHTTPRequestHandler

import pytest

from odoo.addons.mx_cfdi.lib import builder
from odoo.addons.mx_cfdi.lib.pac import PacRejected, PacUnavailable
from odoo.addons.mx_cfdi.lib.pac.demo import DemoPac
from odoo.addons.mx_cfdi.lib.pac.sw import SwSapienPac
from odoo.addons.mx_cfdi.tests.unit import fake_http
from odoo.addons.mx_cfdi.tests.unit.conftest import invoice_data, line


class FakeSw(BaseHTTPRequestHandler):
    mode = "ok"
    stamped = {}
    calls = []

    def log_message(self, *args):
        pass

    def _send(self, code, payload):
        body = json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        self.calls.append(self.path)
        if self.path == "/security/authenticate":
            if self.headers.get("password") != "secret":
                return self._send(200, {"status": "error", "message": "AU2000 - credenciales"})
            return self._send(200, {"status": "success", "data": {"token": "T0K"}})
        if self.headers.get("Authorization") != "bearer T0K":
            return self._send(401, {"status": "error", "message": "unauthorized"})
        if self.path.startswith("/v4/cfdi33/stamp/v4"):
            return self._stamp(body)
        if self.path.startswith("/cfdi33/cancel/"):
            uuid = self.path.split("/")[4]
            return self._send(200, {"status": "success", "data": {"uuid": {uuid: "201"}}})
        return self._send(404, {})

    def _stamp(self, body):
        mode = type(self).mode
        if mode == "timeout":
            time.sleep(1.5)
        if mode == "5xx":
            return self._send(503, {"status": "error", "message": "busy"})
        if mode == "reject":
            return self._send(
                400, {"status": "error", "message": "CFDI40145 - El campo Nombre del receptor no coincide"}
            )
        xml = body[body.index(b"<?xml") : body.rindex(b">") + 1]
        key = xml
        if key in self.stamped:
            return self._send(
                400,
                {
                    "status": "error",
                    "message": "307. El comprobante contiene un timbre previo.",
                    "data": {"cfdi": self.stamped[key].decode()},
                },
            )
        result = DemoPac().stamp(xml)
        self.stamped[key] = result.xml
        return self._send(200, {"status": "success", "data": {"uuid": result.uuid, "cfdi": result.xml.decode()}})


@pytest.fixture(scope="module")
def server():
    with fake_http.serve(FakeSw) as url:
        yield url


@pytest.fixture()
def client(server):
    FakeSw.mode = "ok"
    return SwSapienPac("user", "secret", server, timeout=1)


@pytest.fixture()
def xml(signer):
    return builder.seal(builder.build_comprobante(invoice_data([line("10", folio=None)])), signer)


def test_stamp_success_then_already_stamped(client, xml):
    fake_http.assert_stamps_exactly_once(client, xml)


def test_rejection_has_spanish_message(client, signer):
    FakeSw.mode = "reject"
    xml = builder.seal(builder.build_comprobante(invoice_data([line("11")])), signer)
    with pytest.raises(PacRejected) as exc:
        client.stamp(xml)
    assert exc.value.code == "CFDI40145"
    assert "nombre del receptor" in exc.value.message
    assert "CFDI40145" in exc.value.raw


def test_timeout_and_5xx_are_retryable(client, signer):
    xml = builder.seal(builder.build_comprobante(invoice_data([line("12")])), signer)
    FakeSw.mode = "timeout"
    with pytest.raises(PacUnavailable):
        client.stamp(xml)
    FakeSw.mode = "5xx"
    with pytest.raises(PacUnavailable):
        client.stamp(xml)


def test_connection_refused(xml):
    with pytest.raises(PacUnavailable):
        SwSapienPac("user", "secret", fake_http.closed_port_url(), timeout=1).stamp(xml)


def test_bad_credentials(server, xml):
    with pytest.raises(PacRejected) as exc:
        SwSapienPac("user", "wrong", server, timeout=1).stamp(xml)
    assert exc.value.code == "auth"


def test_cancel_pending(client):
    uuid = "0D1E7E3A-7A6C-4F6E-9E3B-1C5A2D7F8B90"
    assert client.cancel("EKU9003173C9", uuid, "02").status == "pending"
    client.cancel("EKU9003173C9", uuid, "01", substitute_uuid=uuid)
    assert FakeSw.calls[-1].endswith(f"/{uuid}/01/{uuid}")
