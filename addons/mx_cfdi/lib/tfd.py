"""Timbre Fiscal Digital parsing, TFD cadena original and SAT verification URL."""

import base64
import functools
import io
import os
import urllib.parse

import qrcode
from lxml import etree

from . import safe_xml
from .xsd import SCHEMAS

NS = {
    "cfdi": "http://www.sat.gob.mx/cfd/4",
    "tfd": "http://www.sat.gob.mx/TimbreFiscalDigital",
}
VERIFY_URL = "https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx"
TFD_XSLT = os.path.join(SCHEMAS, "sitio_internet", "cfd", "TimbreFiscalDigital", "cadenaoriginal_TFD_1_1.xslt")


def _root(xml):
    return safe_xml.fromstring(xml) if isinstance(xml, bytes) else xml


def parse(xml):
    """Main data of a stamped CFDI; ``uuid`` is None when the XML carries no TFD."""
    root = _root(xml)
    tfd = root.find("cfdi:Complemento/tfd:TimbreFiscalDigital", NS)
    emisor = root.find("cfdi:Emisor", NS)
    receptor = root.find("cfdi:Receptor", NS)
    data = {
        "uuid": None,
        "sello": root.get("Sello"),
        "no_certificado": root.get("NoCertificado"),
        "total": root.get("Total"),
        "rfc_emisor": emisor.get("Rfc") if emisor is not None else None,
        "rfc_receptor": receptor.get("Rfc") if receptor is not None else None,
        "serie": root.get("Serie"),
        "folio": root.get("Folio"),
    }
    if tfd is not None:
        data.update(
            uuid=tfd.get("UUID").upper(),
            fecha_timbrado=tfd.get("FechaTimbrado"),
            rfc_pac=tfd.get("RfcProvCertif"),
            sello_sat=tfd.get("SelloSAT"),
            no_certificado_sat=tfd.get("NoCertificadoSAT"),
            sello_cfd=tfd.get("SelloCFD"),
        )
    return data


def verification_url(uuid, rfc_emisor, rfc_receptor, total, sello):
    """SAT QR URL; ``fe`` (last 8 chars of the seal) contains + / = and must be URL-encoded."""
    query = urllib.parse.urlencode(
        {"id": uuid, "re": rfc_emisor, "rr": rfc_receptor, "tt": total, "fe": (sello or "")[-8:]}
    )
    return f"{VERIFY_URL}?{query}"


@functools.cache
def _tfd_transform():
    return etree.XSLT(etree.parse(TFD_XSLT))


def tfd_cadena_original(xml):
    tfd = _root(xml).find("cfdi:Complemento/tfd:TimbreFiscalDigital", NS)
    if tfd is None:
        return ""
    return str(_tfd_transform()(etree.ElementTree(tfd)))


def qr_data_uri(url):
    """PNG data URI of the SAT verification QR (no HTTP fetch while rendering the PDF)."""
    image = qrcode.make(url, box_size=4, border=1)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def conceptos(xml):
    """Lines of a CFDI for its printed representation."""
    return [
        {
            "clave_prod_serv": node.get("ClaveProdServ"),
            "no_identificacion": node.get("NoIdentificacion") or "",
            "cantidad": node.get("Cantidad"),
            "clave_unidad": node.get("ClaveUnidad"),
            "descripcion": node.get("Descripcion"),
            "valor_unitario": node.get("ValorUnitario"),
            "importe": node.get("Importe"),
            "objeto_imp": node.get("ObjetoImp"),
        }
        for node in _root(xml).findall("cfdi:Conceptos/cfdi:Concepto", NS)
    ]
