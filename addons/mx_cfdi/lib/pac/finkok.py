"""Finkok (SOAP) connector with zeep: stamp, stamped, cancel, get_sat_status.

The WSDL is read from the PAC (``{base_url}/servicios/soap/{stamp|cancel}.wsdl``), as Finkok serves it.
"""

import base64
import hashlib
import logging
import os

import requests
import zeep
import zeep.exceptions
from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, modes
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from zeep.settings import Settings
from zeep.transports import Transport

from ..tfd import parse
from .base import AlreadyStamped, CancelResult, PacClient, PacRejected, PacUnavailable, StampResult

TEST_URL = "https://demo-facturacion.finkok.com"
PRODUCTION_URL = "https://facturacion.finkok.com"
STAMPED_OK = "Comprobante timbrado satisfactoriamente"
# an HTTP error status (a 503 of the WSDL behind a load balancer, a 502 of a proxy) is an outage too
NETWORK_ERRORS = (requests.RequestException, zeep.exceptions.TransportError)
# answers are parsed without DTD nor entities (a file:// entity would be read from our disk): refused as broken
SAFE_XML = Settings(forbid_dtd=True, forbid_entities=True, forbid_external=True)
XML_ERRORS = (zeep.exceptions.XMLSyntaxError, zeep.exceptions.DTDForbidden, zeep.exceptions.EntitiesForbidden)
# not propagated to Odoo's handlers and only a NullHandler: a --log-level=debug never prints a request body
QUIET_TRANSPORT_LOGGER = logging.getLogger("mx_cfdi.finkok.transport")
QUIET_TRANSPORT_LOGGER.propagate = False
QUIET_TRANSPORT_LOGGER.addHandler(logging.NullHandler())


def encrypted_key_pem(signer, password):
    """The CSD private key as Finkok's cancel asks for it: ``openssl rsa -des3`` with ``password``.

    Traditional OpenSSL PEM (PKCS#1, Proc-Type 4,ENCRYPTED, DEK-Info DES-EDE3-CBC), whose key is
    OpenSSL's EVP_BytesToKey(MD5, password, first 8 bytes of the IV): what ``cryptography`` cannot write.
    """
    der = signer.key.private_bytes(Encoding.DER, PrivateFormat.TraditionalOpenSSL, NoEncryption())
    iv = os.urandom(8)
    secret, block = (password or "").encode(), b""
    derived = b""
    while len(derived) < 24:
        block = hashlib.md5(block + secret + iv).digest()
        derived += block
    padder = padding.PKCS7(64).padder()
    encryptor = Cipher(TripleDES(derived[:24]), modes.CBC(iv)).encryptor()
    body = base64.b64encode(encryptor.update(padder.update(der) + padder.finalize()) + encryptor.finalize())
    lines = [body[i : i + 64].decode() for i in range(0, len(body), 64)]
    return "\n".join(
        [
            "-----BEGIN RSA PRIVATE KEY-----",
            "Proc-Type: 4,ENCRYPTED",
            f"DEK-Info: DES-EDE3-CBC,{iv.hex().upper()}",
            "",
            *lines,
            "-----END RSA PRIVATE KEY-----",
            "",
        ]
    ).encode()


class FinkokPac(PacClient):
    name = "finkok"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.base_url = self.base_url or TEST_URL
        self._clients = {}

    def _service(self, name):
        if name not in self._clients:
            session = requests.Session()
            transport = Transport(session=session, timeout=self.timeout, operation_timeout=self.timeout)
            # zeep logs every SOAP body at DEBUG: ours carry the PAC password and, to cancel, the CSD key
            transport.logger = QUIET_TRANSPORT_LOGGER
            try:
                self._clients[name] = zeep.Client(
                    f"{self.base_url}/servicios/soap/{name}.wsdl", transport=transport, settings=SAFE_XML
                )
            except NETWORK_ERRORS as exc:
                raise PacUnavailable(f"Finkok no responde: {exc.__class__.__name__}", str(exc)) from exc
            except XML_ERRORS as exc:
                raise PacUnavailable("Finkok envió un WSDL no válido", str(exc)) from exc
        return self._clients[name].service

    def _call(self, service, operation, **kwargs):
        try:
            result = getattr(self._service(service), operation)(
                username=self.username, password=self.password, **kwargs
            )
        except NETWORK_ERRORS as exc:
            raise PacUnavailable(f"Finkok no responde: {exc.__class__.__name__}", str(exc)) from exc
        except zeep.exceptions.Fault as exc:
            raise PacUnavailable(f"Finkok devolvió un error SOAP: {exc.message}", str(exc)) from exc
        except XML_ERRORS as exc:
            raise PacUnavailable("Finkok envió una respuesta XML no válida", str(exc)) from exc
        return result, str(result)

    @staticmethod
    def _incidences(result):
        incidencias = getattr(result, "Incidencias", None)
        items = getattr(incidencias, "Incidencia", None) if incidencias is not None else None
        return list(items or [])

    def _stamp_result(self, result, raw):
        xml = result.xml.encode() if isinstance(result.xml, str) else result.xml
        return StampResult(uuid=(result.UUID or parse(xml)["uuid"]).upper(), xml=xml, raw=raw)

    def stamp(self, xml):
        result, raw = self._call("stamp", "stamp", xml=xml)
        incidences = self._incidences(result)
        codes = [str(i.CodigoError) for i in incidences]
        if "307" in codes and result.xml:
            raise AlreadyStamped(self._stamp_result(result, raw), raw)
        if result.xml and result.UUID and (result.CodEstatus or STAMPED_OK) == STAMPED_OK:
            return self._stamp_result(result, raw)
        if "307" in codes:  # duplicate without the stamp in the answer: fetch it
            existing = self.stamped(xml)
            if existing:
                raise AlreadyStamped(existing, raw)
        first = incidences[0] if incidences else None
        raise PacRejected(
            codes[0] if codes else "error", first.MensajeIncidencia if first else (result.CodEstatus or ""), raw
        )

    def stamped(self, xml):
        result, raw = self._call("stamp", "stamped", xml=xml)
        if result.xml and result.UUID:
            return self._stamp_result(result, raw)
        return None

    def cancel(self, rfc, uuid, motivo, substitute_uuid=None, signer=None, total=None, rfc_receptor=None):
        """Finkok's ``cancel``: the PAC signs SAT's cancellation request with the CSD we send it.

        Finkok wants the certificate and the private key in PEM, the key encrypted (DES3) with the
        Finkok account password; both travel only inside this TLS request and are never logged.
        """
        if signer is None:
            raise PacRejected("csd", "Se requiere el CSD de la empresa para cancelar ante el SAT.")
        uuids = {"UUID": [{"UUID": uuid, "Motivo": motivo, "FolioSustitucion": substitute_uuid or ""}]}
        result, raw = self._call(
            "cancel",
            "cancel",
            UUIDS=uuids,
            taxpayer_id=rfc,
            cer=signer.certificate_bytes(Encoding.PEM),
            key=encrypted_key_pem(signer, self.password),
            store_pending=True,
        )
        folios = getattr(getattr(result, "Folios", None), "Folio", None) or []
        if not folios:
            raise PacRejected("cancel", result.CodEstatus or "", raw)
        folio = folios[0]
        code = str(folio.EstatusUUID)
        if code not in ("201", "202"):
            raise PacRejected(code, folio.EstatusCancelacion or "", raw)
        cancelled = (folio.EstatusCancelacion or "").lower().startswith("cancelado")
        return CancelResult(status="cancelled" if cancelled else "pending", raw=raw)

    def sat_status(self, rfc_emisor, rfc_receptor, uuid, total):
        result, _raw = self._call(
            "cancel", "get_sat_status", taxpayer_id=rfc_emisor, rtaxpayer_id=rfc_receptor, uuid=uuid, total=total
        )
        sat = getattr(result, "sat", None) or result
        return {
            "estado": sat.Estado,
            "cancelable": sat.EsCancelable,
            "estatus_cancelacion": sat.EstatusCancelacion or "",
        }
