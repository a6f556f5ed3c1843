"""SAT's public CFDI status service (ConsultaCFDIService, SOAP): Vigente / Cancelado / No Encontrado.

Any PAC can be checked against it; SW Sapien has no status operation of its own. The base URL comes from
configuration (tests point it at a local fake).
"""

from xml.sax.saxutils import escape

import requests
from lxml import etree

from . import safe_xml
from .pac.base import PacUnavailable

SAT_STATUS_URL = "https://consultaqr.facturaelectronica.sat.gob.mx/ConsultaCFDIService.svc"
ACTION = "http://tempuri.org/IConsultaCFDIService/Consulta"
ENVELOPE = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tem="http://tempuri.org/">'
    "<soapenv:Header/><soapenv:Body><tem:Consulta><tem:expresionImpresa>{expresion}</tem:expresionImpresa>"
    "</tem:Consulta></soapenv:Body></soapenv:Envelope>"
)
RESULT_NS = "http://schemas.datacontract.org/2004/07/Sat.Cfdi.Negocio.ConsultaCfdi.Servicio"


def expresion_impresa(rfc_emisor, rfc_receptor, uuid, total):
    return f"?re={rfc_emisor}&rr={rfc_receptor}&tt={total}&id={uuid}"


def query(rfc_emisor, rfc_receptor, uuid, total, url=None, timeout=30):
    """dict(estado, cancelable, estatus_cancelacion, codigo) as the PAC connectors' ``sat_status``."""
    body = ENVELOPE.format(expresion=escape(expresion_impresa(rfc_emisor, rfc_receptor, uuid, total)))
    try:
        response = requests.post(
            url or SAT_STATUS_URL,
            data=body.encode(),
            headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": ACTION},
            timeout=timeout,
        )
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise PacUnavailable(
            f"El servicio de consulta del SAT no responde: {exc.__class__.__name__}", str(exc)
        ) from exc
    if response.status_code != 200:
        raise PacUnavailable(f"El servicio de consulta del SAT respondió {response.status_code}", response.text)
    try:
        root = safe_xml.fromstring(response.content)
    except (etree.XMLSyntaxError, safe_xml.UnsafeXmlError) as exc:
        raise PacUnavailable("Respuesta inválida del servicio de consulta del SAT", response.text) from exc

    def text(tag):
        node = root.find(f".//{{{RESULT_NS}}}{tag}")
        return (node.text or "") if node is not None else ""

    return {
        "estado": text("Estado"),
        "cancelable": text("EsCancelable"),
        "estatus_cancelacion": text("EstatusCancelacion"),
        "codigo": text("CodigoEstatus"),
    }
