"""Build and seal CFDI 4.0 documents (I, E, P, global invoice) with satcfdi.

Taxes are computed per line and rounded to cents (half up); the header totals are the sums of the
rounded line amounts, so SAT's CFDI40215/40221-type checks (header vs. lines) always agree.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from cryptography import x509
from satcfdi.cfdi import CFDI
from satcfdi.create.cfd import cfdi40
from satcfdi.models import Signer

from . import safe_xml, xsd

CENT = Decimal("0.01")
MICRO = Decimal("0.000001")
MEXICO_TZ = ZoneInfo("America/Mexico_City")
IVA, IEPS, ISR = "002", "003", "001"
GLOBAL_RECEPTOR_NAME = "PUBLICO EN GENERAL"


def money(value):
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def mexico_now(utc_dt=None):
    """Naive Mexico local datetime (CFDI Fecha) from an aware/naive-UTC datetime, seconds precision."""
    utc_dt = utc_dt or datetime.datetime.now(datetime.UTC)
    if utc_dt.tzinfo is None:
        utc_dt = utc_dt.replace(tzinfo=datetime.UTC)
    return utc_dt.astimezone(MEXICO_TZ).replace(tzinfo=None, microsecond=0)


def mexico_to_utc(local_dt):
    """Naive UTC datetime (Odoo's storage) of a naive Mexico local datetime."""
    return local_dt.replace(tzinfo=MEXICO_TZ).astimezone(datetime.UTC).replace(tzinfo=None)


def certificate_info(cer):
    """(SAT certificate number, naive UTC expiry) of a DER .cer, or None when unreadable."""
    try:
        cert = x509.load_der_x509_certificate(cer)
    except ValueError:
        return None
    number = bytes.fromhex(f"{cert.serial_number:x}").decode("ascii", "replace")
    return number, cert.not_valid_after_utc.replace(tzinfo=None)


def load_signer(cer, key, password):
    return Signer.load(certificate=cer, key=key, password=password)


def line_taxes(base, taxes):
    """Per-line tax nodes with explicit, rounded Base and Importe.

    ``taxes``: dicts {impuesto, tipo_factor (Tasa/Cuota/Exento), tasa, retencion}. IEPS at a rate is
    computed first and included in the IVA base (LIVA art. 18 for goods taxed with IEPS).
    """
    traslados, retenciones = [], []
    ieps_amount = Decimal(0)
    ordered = sorted(taxes, key=lambda t: 0 if t["impuesto"] == IEPS else 1)
    for tax in ordered:
        tax_base = base + ieps_amount if tax["impuesto"] == IVA and not tax.get("retencion") else base
        node = {"Base": tax_base, "Impuesto": tax["impuesto"], "TipoFactor": tax["tipo_factor"]}
        if tax["tipo_factor"] == "Exento":
            node["TasaOCuota"] = None
            node["Importe"] = None
        else:
            rate = Decimal(str(tax["tasa"])).quantize(MICRO)
            node["TasaOCuota"] = rate
            node["Importe"] = money(tax_base * rate)
        if tax.get("retencion"):
            retenciones.append(node)
        else:
            traslados.append(node)
            if tax["impuesto"] == IEPS and node["Importe"]:
                ieps_amount += node["Importe"]
    return traslados, retenciones


def concepto(line):
    cantidad = Decimal(str(line["cantidad"])).quantize(MICRO)
    valor_unitario = Decimal(str(line["valor_unitario"])).quantize(MICRO)
    importe = money(cantidad * valor_unitario)
    descuento = money(line.get("descuento") or 0)
    objeto_imp = line.get("objeto_imp") or ("02" if line.get("taxes") else "01")
    impuestos = None
    if objeto_imp == "02" and line.get("taxes"):
        traslados, retenciones = line_taxes(importe - descuento, line["taxes"])
        impuestos = {"Traslados": traslados or None, "Retenciones": retenciones or None}
    return cfdi40.Concepto(
        clave_prod_serv=line["clave_prod_serv"],
        cantidad=cantidad,
        clave_unidad=line["clave_unidad"],
        descripcion=line["descripcion"][:1000].replace("|", "/"),
        valor_unitario=valor_unitario,
        no_identificacion=(line.get("no_identificacion") or None),
        unidad=(line.get("unidad") or None),
        descuento=descuento or None,
        objeto_imp=objeto_imp,
        impuestos=impuestos,
    )


def _check_postal_codes(data):
    # SAT's c_CodigoPostal facet is huge: a bad value would make XSD validation slow and verbose
    for label, value in (
        ("LugarExpedicion", data["lugar_expedicion"]),
        ("DomicilioFiscalReceptor", data["receptor"].get("domicilio_fiscal_receptor")),
    ):
        if not (value and len(value) == 5 and value.isdigit()):
            raise ValueError(f"{label}: código postal inválido ({value!r})")


def build_comprobante(data):
    """Comprobante (I or E) from a plain dict; see tests/unit for the expected keys."""
    _check_postal_codes(data)
    related = [
        cfdi40.CfdiRelacionados(tipo_relacion=rel["tipo"], cfdi_relacionado=list(rel["uuids"]))
        for rel in data.get("relacionados") or []
    ]
    glob = data.get("informacion_global")
    return cfdi40.Comprobante(
        emisor=cfdi40.Emisor(**data["emisor"]),
        lugar_expedicion=data["lugar_expedicion"],
        receptor=cfdi40.Receptor(**data["receptor"]),
        conceptos=[concepto(line) for line in data["lines"]],
        moneda=data.get("moneda") or "MXN",
        tipo_cambio=data.get("tipo_cambio"),
        tipo_de_comprobante=data.get("tipo") or "I",
        exportacion=data.get("exportacion") or "01",
        serie=data.get("serie") or None,
        folio=data.get("folio") or None,
        forma_pago=data.get("forma_pago"),
        metodo_pago=data.get("metodo_pago"),
        informacion_global=cfdi40.InformacionGlobal(**glob) if glob else None,
        cfdi_relacionados=related or None,
        fecha=data.get("fecha") or mexico_now(),
    )


def build_pago(data):
    """Payment complement (P, Pagos 2.0) for stamped PPD invoices (their stamped XML in ``docs``)."""
    docs = [
        cfdi40.PagoComprobante(
            # not CFDI.from_string: satcfdi's parser resolves entities of the XML the PAC returned
            comprobante=CFDI.from_xml(safe_xml.fromstring(doc["xml"], remove_comments=True, remove_blank_text=True)),
            num_parcialidad=doc["num_parcialidad"],
            imp_saldo_ant=money(doc["saldo_anterior"]),
            imp_pagado=money(doc["pagado"]),
        )
        for doc in data["docs"]
    ]
    return cfdi40.Comprobante.pago_comprobantes(
        comprobantes=docs,
        fecha_pago=data["fecha_pago"],
        forma_pago=data["forma_pago"],
        serie=data.get("serie") or None,
        folio=data.get("folio") or None,
        fecha=data.get("fecha") or mexico_now(),
    )


def seal(comprobante, signer):
    """Sign with the CSD, validate against SAT's XSD and return the XML bytes."""
    comprobante.sign(signer)
    xml = comprobante.xml_bytes()
    xsd.validate(xml)
    return xml
