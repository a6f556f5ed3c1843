"""Finkok connector (zeep) against a local fake SOAP server that serves its own WSDL."""

import pytest

from odoo.addons.mx_cfdi.lib import builder
from odoo.addons.mx_cfdi.lib.pac import PacRejected, PacUnavailable
from odoo.addons.mx_cfdi.lib.pac.finkok import FinkokPac
from odoo.addons.mx_cfdi.tests.unit import fake_http, finkok_fake
from odoo.addons.mx_cfdi.tests.unit.conftest import invoice_data, line


@pytest.fixture(scope="module")
def server():
    with fake_http.serve(finkok_fake.FinkokHandler) as url:
        yield url


@pytest.fixture()
def client(server):
    finkok_fake.FinkokHandler.mode = "ok"
    return FinkokPac("user", "secret", server, timeout=1)


def make_xml(signer, price):
    return builder.seal(builder.build_comprobante(invoice_data([line(price)])), signer)


def test_stamp_then_307_then_stamped(client, signer):
    xml = make_xml(signer, "20")
    assert client.stamped(xml) is None
    fake_http.assert_stamps_exactly_once(client, xml)


def test_sat_rejection(client, signer):
    finkok_fake.FinkokHandler.mode = "reject"
    with pytest.raises(PacRejected) as exc:
        client.stamp(make_xml(signer, "21"))
    assert exc.value.code == "CFDI40215"
    assert "impuestos trasladados" in exc.value.message
    assert "CFDI40215" in exc.value.raw


def test_timeout_and_5xx(client, signer):
    xml = make_xml(signer, "22")
    client._service("stamp")  # WSDL fetched while the server is healthy
    finkok_fake.FinkokHandler.mode = "timeout"
    with pytest.raises(PacUnavailable):
        client.stamp(xml)
    finkok_fake.FinkokHandler.mode = "5xx"
    with pytest.raises(PacUnavailable):
        client.stamp(xml)


def test_connection_refused(signer):
    with pytest.raises(PacUnavailable):
        FinkokPac("user", "secret", fake_http.closed_port_url(), timeout=1).stamp(make_xml(signer, "23"))


def test_cancel_and_sat_status(client):
    uuid = "0D1E7E3A-7A6C-4F6E-9E3B-1C5A2D7F8B90"
    assert client.cancel("EKU9003173C9", uuid, "02").status == "cancelled"
    finkok_fake.FinkokHandler.mode = "pending"
    assert client.cancel("EKU9003173C9", uuid, "01", substitute_uuid=uuid).status == "pending"
    status = client.sat_status("EKU9003173C9", "XAXX010101000", uuid, "11.60")
    assert status["estado"] == "Vigente"
    assert status["estatus_cancelacion"] == "En proceso"
