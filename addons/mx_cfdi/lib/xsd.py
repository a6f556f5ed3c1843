"""Validation against SAT's XSD shipped inside satcfdi, with the schema built once per process."""

import functools
import os

import satcfdi
from lxml import etree

from . import safe_xml

SCHEMAS = os.path.join(os.path.dirname(satcfdi.__file__), "transform", "schemas", "www.sat.gob.mx")
CFDI40_XSD = os.path.join(SCHEMAS, "sitio_internet", "cfd", "4", "cfdv40.xsd")
PAGOS20_XSD = os.path.join(SCHEMAS, "sitio_internet", "cfd", "Pagos", "Pagos20.xsd")


class CfdiXsdError(ValueError):
    """The XML does not validate against SAT's schema."""


TFD11_XSD = os.path.join(SCHEMAS, "sitio_internet", "cfd", "TimbreFiscalDigital", "TimbreFiscalDigitalv11.xsd")
IMPORTS = (
    ("http://www.sat.gob.mx/cfd/4", CFDI40_XSD),
    ("http://www.sat.gob.mx/Pagos20", PAGOS20_XSD),
    ("http://www.sat.gob.mx/TimbreFiscalDigital", TFD11_XSD),
)


@functools.cache
def _schema():
    """One schema for the Comprobante and the complements we emit (Complemento is a strict xs:any).

    Our own wrapper importing satcfdi's local XSD files: the only XML parsed here that may read files.
    """
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="file://{path}"/>' for ns, path in IMPORTS)
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(wrapper))


def validate(xml):
    """Validate a Comprobante (bytes or element) against SAT's XSD; raise CfdiXsdError."""
    root = safe_xml.fromstring(xml) if isinstance(xml, bytes) else xml
    schema = _schema()
    if not schema.validate(etree.ElementTree(root)):
        # catalogue facets make libxml2 list every allowed value: keep messages short
        raise CfdiXsdError("\n".join(f"{e.line}: {e.message[:300]}" for e in schema.error_log))
    return True
