import base64
from decimal import Decimal

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from lxml import etree

from odoo.addons.mx_cfdi.lib import builder, tfd, xsd
from odoo.addons.mx_cfdi.tests.unit.conftest import CSD_DIR, IVA16, invoice_data, line

NS = {"cfdi": "http://www.sat.gob.mx/cfd/4"}
CADENA_XSLT = xsd.os.path.join(
    xsd.SCHEMAS, "sitio_internet", "cfd", "4", "cadenaoriginal_4_0", "cadenaoriginal_4_0.xslt"
)


def sealed(signer, lines, **extra):
    xml = builder.seal(builder.build_comprobante(invoice_data(lines, **extra)), signer)
    return xml, etree.fromstring(xml)


def test_invoice_validates_and_seal_verifies(signer):
    xml, root = sealed(signer, [line("100.00", 2), line("35.50", 3)])
    assert xsd.validate(xml)
    cadena = str(etree.XSLT(etree.parse(CADENA_XSLT))(root))
    assert cadena.startswith("||4.0|INV|2026-0001|2026-11-20T12:00:00|01|")
    signature = base64.b64decode(root.get("Sello"))
    # raises InvalidSignature when the seal does not match SAT's cadena original
    cert = x509.load_der_x509_certificate((CSD_DIR / "EKU9003173C9.cer").read_bytes())
    cert.public_key().verify(signature, cadena.encode(), padding.PKCS1v15(), hashes.SHA256())
    assert root.get("NoCertificado") == "30001000000500003416"
    assert root.get("Total") == "355.54"


def test_xsd_rejects_broken_document(signer):
    _xml, root = sealed(signer, [line("10")])
    del root.attrib["Exportacion"]
    with pytest.raises(xsd.CfdiXsdError, match="Exportacion"):
        xsd.validate(etree.tostring(root))


def test_bad_postal_code_refused_before_xsd():
    with pytest.raises(ValueError, match="LugarExpedicion"):
        builder.build_comprobante(invoice_data([line("10")], lugar_expedicion="ABC"))


@pytest.mark.parametrize(
    "lines",
    [
        [line("0.333333", 3), line("19.99", 7), line("0.01", 1)],
        [line("12.345678", 1.5, descuento="1.23"), line("99.995", 3)],
        [line("27.59", 11, taxes=[{"impuesto": "003", "tipo_factor": "Tasa", "tasa": "0.265"}, IVA16])],
        [line("10", 1, taxes=[{"impuesto": "002", "tipo_factor": "Tasa", "tasa": "0"}])],
        [line("10", 1, taxes=[{"impuesto": "002", "tipo_factor": "Exento"}]), line("3.33", 3)],
        [line("50", 1, taxes=[], objeto_imp="01"), line("1.155", 1)],
    ],
)
def test_header_equals_sum_of_rounded_lines(signer, lines):
    _xml, root = sealed(signer, lines)
    line_taxes = {}
    subtotal = Decimal(0)
    discount = Decimal(0)
    for concepto in root.iterfind("cfdi:Conceptos/cfdi:Concepto", NS):
        importe = Decimal(concepto.get("Importe"))
        expected = (Decimal(concepto.get("Cantidad")) * Decimal(concepto.get("ValorUnitario"))).quantize(
            Decimal("0.01")
        )
        assert importe == expected
        subtotal += importe
        discount += Decimal(concepto.get("Descuento") or 0)
        for tr in concepto.iterfind("cfdi:Impuestos/cfdi:Traslados/cfdi:Traslado", NS):
            if tr.get("TipoFactor") == "Exento":
                assert tr.get("Importe") is None
                continue
            rate = Decimal(tr.get("TasaOCuota"))
            # CFDI40221: each line amount within half a cent of base × rate
            assert abs(Decimal(tr.get("Importe")) - Decimal(tr.get("Base")) * rate) <= Decimal("0.005")
            key = (tr.get("Impuesto"), tr.get("TasaOCuota"))
            line_taxes[key] = line_taxes.get(key, Decimal(0)) + Decimal(tr.get("Importe"))
    header = {
        (tr.get("Impuesto"), tr.get("TasaOCuota")): Decimal(tr.get("Importe"))
        for tr in root.iterfind("cfdi:Impuestos/cfdi:Traslados/cfdi:Traslado", NS)
        if tr.get("Importe") is not None
    }
    assert header == line_taxes  # CFDI40215
    total_tax = sum(line_taxes.values(), Decimal(0))
    assert Decimal(root.get("SubTotal")) == subtotal
    assert Decimal(root.get("Total")) == subtotal - discount + total_tax


def test_ieps_is_in_the_iva_base(signer):
    ieps = {"impuesto": "003", "tipo_factor": "Tasa", "tasa": "0.265"}
    _xml, root = sealed(signer, [line("100", 1, taxes=[ieps, IVA16])])
    traslados = root.findall("cfdi:Conceptos/cfdi:Concepto/cfdi:Impuestos/cfdi:Traslados/cfdi:Traslado", NS)
    by_tax = {t.get("Impuesto"): t for t in traslados}
    assert by_tax["003"].get("Importe") == "26.50"
    assert by_tax["002"].get("Base") == "126.50"
    assert by_tax["002"].get("Importe") == "20.24"
    assert root.get("Total") == "146.74"


def test_credit_note_relates_origin(signer):
    origin = "0D1E7E3A-7A6C-4F6E-9E3B-1C5A2D7F8B90"
    _xml, root = sealed(signer, [line("10")], tipo="E", relacionados=[{"tipo": "01", "uuids": [origin]}])
    rel = root.find("cfdi:CfdiRelacionados", NS)
    assert root.get("TipoDeComprobante") == "E"
    assert rel.get("TipoRelacion") == "01"
    assert rel[0].get("UUID") == origin


def test_global_invoice_information(signer):
    glob = {"periodicidad": "01", "meses": "11", "ano": 2026}
    _xml, root = sealed(signer, [line("10")], informacion_global=glob)
    info = root.find("cfdi:InformacionGlobal", NS)
    assert (info.get("Periodicidad"), info.get("Meses"), info.get("Año")) == ("01", "11", "2026")
    assert root.find("cfdi:Receptor", NS).get("Nombre") == "PUBLICO EN GENERAL"


def test_mexico_local_time():
    import datetime

    utc = datetime.datetime(2026, 7, 1, 18, 0, tzinfo=datetime.UTC)
    assert builder.mexico_now(utc) == datetime.datetime(2026, 7, 1, 12, 0)


def test_payment_complement(signer):
    from odoo.addons.mx_cfdi.lib.pac.demo import DemoPac

    receptor = {
        "rfc": "URE180429TM6",
        "nombre": "UNIVERSIDAD ROBOTICA ESPAÑOLA",
        "domicilio_fiscal_receptor": "86991",
        "regimen_fiscal_receptor": "601",
        "uso_cfdi": "G03",
    }
    xml, _root = sealed(signer, [line("1000")], receptor=receptor, metodo_pago="PPD", forma_pago="99")
    stamped = DemoPac().stamp(xml)
    pago = builder.build_pago(
        {
            "docs": [{"xml": stamped.xml, "num_parcialidad": 1, "saldo_anterior": "1160", "pagado": "500"}],
            "fecha_pago": __import__("datetime").datetime(2026, 11, 21, 12, 0),
            "forma_pago": "03",
            "serie": "P",
            "folio": "1",
        }
    )
    pxml = builder.seal(pago, signer)
    proot = etree.fromstring(pxml)
    assert proot.get("TipoDeComprobante") == "P"
    docto = proot.find(".//{http://www.sat.gob.mx/Pagos20}DoctoRelacionado")
    assert docto.get("IdDocumento") == stamped.uuid
    assert docto.get("ImpSaldoInsoluto") == "660.00"


def test_tfd_and_qr(signer):
    from odoo.addons.mx_cfdi.lib.pac.demo import DemoPac

    xml, _root = sealed(signer, [line("10")])
    result = DemoPac().stamp(xml)
    data = tfd.parse(result.xml)
    assert data["uuid"] == result.uuid
    assert DemoPac().stamp(xml).uuid == result.uuid  # deterministic: same XML, same UUID
    assert tfd.tfd_cadena_original(result.xml).startswith("||1.1|" + result.uuid + "|")
    url = tfd.verification_url(data["uuid"], "EKU9003173C9", "XAXX010101000", data["total"], "ab+c/d==")
    assert url.endswith("&tt=11.60&fe=ab%2Bc%2Fd%3D%3D")
    assert "id=" + result.uuid in url
    assert xsd.validate(result.xml)
