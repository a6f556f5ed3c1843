"""Demo PAC: adds a locally made TFD so demo data can show stamped invoices.

NOT A REAL STAMP: the RfcProvCertif is SAT's test RFC, the SelloSAT is a local signature and the
legend says so. Never use it for real invoices.
"""

import base64
import datetime
import hashlib
import uuid as uuidlib

from lxml import etree

from .. import safe_xml
from ..tfd import NS
from .base import CancelResult, PacClient, StampResult

DEMO_RFC_PAC = "SAT970701NN3"
DEMO_NO_CERT_SAT = "00000000000000000000"


class DemoPac(PacClient):
    name = "demo"

    def _uuid(self, xml):
        # Deterministic: the same signed XML always gets the same UUID (exactly-once by design).
        return str(uuidlib.UUID(hashlib.md5(xml, usedforsecurity=False).hexdigest())).upper()

    def stamp(self, xml):
        root = safe_xml.fromstring(xml)
        complemento = root.find("cfdi:Complemento", NS)
        if complemento is None:
            complemento = etree.SubElement(root, "{{{}}}Complemento".format(NS["cfdi"]))
        uuid = self._uuid(xml)
        stamp_date = datetime.datetime.now(datetime.UTC).replace(tzinfo=None, microsecond=0)
        tfd = etree.SubElement(
            complemento,
            "{{{}}}TimbreFiscalDigital".format(NS["tfd"]),
            nsmap={"tfd": NS["tfd"]},
        )
        tfd.set(
            "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation",
            "http://www.sat.gob.mx/TimbreFiscalDigital "
            "http://www.sat.gob.mx/sitio_internet/cfd/TimbreFiscalDigital/TimbreFiscalDigitalv11.xsd",
        )
        tfd.set("Version", "1.1")
        tfd.set("UUID", uuid)
        tfd.set("FechaTimbrado", stamp_date.isoformat())
        tfd.set("RfcProvCertif", DEMO_RFC_PAC)
        tfd.set("Leyenda", "DEMO - SIN VALIDEZ FISCAL")
        tfd.set("SelloCFD", root.get("Sello"))
        tfd.set("NoCertificadoSAT", DEMO_NO_CERT_SAT)
        tfd.set("SelloSAT", base64.b64encode(hashlib.sha256(xml).digest()).decode())
        stamped = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        return StampResult(uuid=uuid, xml=stamped, raw="demo")

    def stamped(self, xml):
        return None

    def cancel(self, rfc, uuid, motivo, substitute_uuid=None, signer=None, total=None, rfc_receptor=None):
        return CancelResult(status="cancelled", raw="demo")

    def sat_status(self, rfc_emisor, rfc_receptor, uuid, total):
        return {"estado": "Vigente", "cancelable": "Cancelable sin aceptación", "estatus_cancelacion": ""}
