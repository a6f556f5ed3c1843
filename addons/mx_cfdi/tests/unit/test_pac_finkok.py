"""Finkok connector (zeep) against a local fake SOAP server that serves its own WSDL."""

import base64
import logging

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

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


def test_wsdl_answering_an_http_error_is_an_outage(server, signer):
    # a fresh client fetches the WSDL first: a 503 there is retried later like any outage, never a crash
    finkok_fake.FinkokHandler.mode = "5xx"
    try:
        with pytest.raises(PacUnavailable):
            FinkokPac("user", "secret", server, timeout=1).stamp(make_xml(signer, "23"))
    finally:
        finkok_fake.FinkokHandler.mode = "ok"


def test_connection_refused(signer):
    with pytest.raises(PacUnavailable):
        FinkokPac("user", "secret", fake_http.closed_port_url(), timeout=1).stamp(make_xml(signer, "23"))


def test_cancel_sends_pem_csd_and_key_encrypted_with_finkok_password(client, signer):
    uuid = "0D1E7E3A-7A6C-4F6E-9E3B-1C5A2D7F8B90"
    finkok_fake.FinkokHandler.cancel_requests.clear()
    assert client.cancel("EKU9003173C9", uuid, "02", signer=signer).status == "cancelled"
    (sent,) = finkok_fake.FinkokHandler.cancel_requests
    assert (sent["uuid"], sent["motivo"], sent["substitute"]) == (uuid, "02", "")
    assert (sent["username"], sent["password"], sent["taxpayer_id"], sent["store_pending"]) == (
        "user",
        "secret",
        "EKU9003173C9",
        "true",
    )
    cer, key = base64.b64decode(sent["cer"]), base64.b64decode(sent["key"])
    assert x509.load_pem_x509_certificate(cer).serial_number == signer.certificate.get_serial_number()
    # what `openssl rsa -des3 -passout pass:<finkok password>` writes, readable by OpenSSL
    assert b"DEK-Info: DES-EDE3-CBC," in key
    with pytest.raises(TypeError):
        serialization.load_pem_private_key(key, None)
    with pytest.raises(ValueError):
        serialization.load_pem_private_key(key, b"12345678a")  # not the CSD password
    assert serialization.load_pem_private_key(key, b"secret").private_numbers() == signer.key.private_numbers()


def test_soap_bodies_never_logged(client, signer, caplog):
    caplog.set_level(logging.DEBUG)
    client.cancel("EKU9003173C9", "0D1E7E3A-7A6C-4F6E-9E3B-1C5A2D7F8B90", "02", signer=signer)
    sent_key = finkok_fake.FinkokHandler.cancel_requests[-1]["key"]  # base64 of the PEM, as on the wire
    assert b"DES-EDE3-CBC" in base64.b64decode(sent_key)
    assert sent_key[:60] not in caplog.text
    assert "secret" not in caplog.text


def test_cancel_motivo_01_pending_and_sat_status(client, signer):
    uuid = "0D1E7E3A-7A6C-4F6E-9E3B-1C5A2D7F8B90"
    substitute = "5E2D6AFF-2DD7-43D1-83D3-14C1ACA396D9"
    finkok_fake.FinkokHandler.mode = "pending"
    assert client.cancel("EKU9003173C9", uuid, "01", substitute_uuid=substitute, signer=signer).status == "pending"
    assert finkok_fake.FinkokHandler.cancel_requests[-1]["substitute"] == substitute
    status = client.sat_status("EKU9003173C9", "XAXX010101000", uuid, "11.60")
    assert status["estado"] == "Vigente"
    assert status["estatus_cancelacion"] == "En proceso"


@pytest.mark.parametrize(
    ("rfc", "password", "motivo", "message"),
    [
        ("EKU9003173C9", "wrong", "02", "Usuario o contraseña"),
        ("XIA190128J61", "secret", "02", "RFC no corresponde"),
        ("EKU9003173C9", "secret", "01", "folio de sustitución"),
    ],
)
def test_cancel_refused(server, signer, rfc, password, motivo, message):
    finkok_fake.FinkokHandler.mode = "ok"
    client = FinkokPac("user", password, server, timeout=1)
    with pytest.raises(PacRejected) as exc:
        client.cancel(rfc, "0D1E7E3A-7A6C-4F6E-9E3B-1C5A2D7F8B90", motivo, signer=signer)
    assert message in exc.value.message
    assert message in exc.value.raw


def test_cancel_without_csd_is_refused(client):
    with pytest.raises(PacRejected) as exc:
        client.cancel("EKU9003173C9", "0D1E7E3A-7A6C-4F6E-9E3B-1C5A2D7F8B90", "02")
    assert "CSD" in exc.value.message
