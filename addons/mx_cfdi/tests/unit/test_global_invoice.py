"""Factura global: InformacionGlobal periods, one Concepto per ticket, refunds netted, XSD-valid."""

import datetime
from decimal import Decimal

import pytest
from lxml import etree

from odoo.addons.mx_cfdi.lib import builder, global_invoice
from odoo.addons.mx_cfdi.tests.unit.conftest import IVA16, invoice_data

NS = {"cfdi": "http://www.sat.gob.mx/cfd/4"}
IVA0 = {"impuesto": "002", "tipo_factor": "Tasa", "tasa": "0.000000"}


def test_informacion_global_periods():
    day = datetime.date(2026, 11, 20)
    assert global_invoice.informacion_global(day) == {"periodicidad": "01", "meses": "11", "ano": 2026}
    assert global_invoice.informacion_global(day, "04")["meses"] == "11"
    # bimonthly: Meses 13 (Jan-Feb) … 18 (Nov-Dec)
    assert global_invoice.informacion_global(day, "05")["meses"] == "18"
    assert global_invoice.informacion_global(datetime.date(2026, 2, 1), "05")["meses"] == "13"
    with pytest.raises(ValueError):
        global_invoice.informacion_global(day, "09")


def test_refunds_are_netted_and_empty_tickets_left_out():
    rows = [
        ("T-1", [IVA16], 300),
        ("T-1", [IVA16], -100),  # partial refund of T-1
        ("T-2", [IVA16], 50),
        ("T-2", [IVA16], -50),  # full refund: T-2 disappears
        ("T-3", [IVA16], 10),
        ("T-3", [IVA0], 20),  # another tax set of the same ticket: its own Concepto
    ]
    concepts = global_invoice.ticket_concepts(rows)
    summary = [(c["no_identificacion"], c["valor_unitario"], c["taxes"][0]["tasa"]) for c in concepts]
    assert summary == [
        ("T-1", Decimal("200.00"), "0.160000"),
        ("T-3", Decimal("10.00"), "0.160000"),
        ("T-3", Decimal("20.00"), "0.000000"),
    ]
    assert all(c["clave_prod_serv"] == "01010101" and c["clave_unidad"] == "ACT" for c in concepts)
    assert all(c["valor_unitario"] > 0 for c in concepts), "no negative line in a global invoice"


def test_untaxed_ticket_is_objeto_01():
    (concept,) = global_invoice.ticket_concepts([("T-9", [], 99.5)])
    assert (concept["objeto_imp"], concept["taxes"]) == ("01", [])


def test_global_comprobante_validates(signer):
    rows = [("T-1", [IVA16], "129.31"), ("T-2", [IVA16], "0.86"), ("T-2", [IVA16], "43.10")]
    data = invoice_data(
        global_invoice.ticket_concepts(rows),
        receptor=global_invoice.receptor("42501"),
        informacion_global=global_invoice.informacion_global(datetime.date(2026, 11, 20)),
    )
    root = etree.fromstring(builder.seal(builder.build_comprobante(data), signer))
    conceptos = root.findall("cfdi:Conceptos/cfdi:Concepto", NS)
    assert [c.get("NoIdentificacion") for c in conceptos] == ["T-1", "T-2"]
    assert root.find("cfdi:Receptor", NS).get("DomicilioFiscalReceptor") == "42501"
    traslado = root.find("cfdi:Impuestos/cfdi:Traslados/cfdi:Traslado", NS)
    assert Decimal(traslado.get("Importe")) == Decimal("20.69") + Decimal("7.03")


@pytest.mark.parametrize(
    ("day", "periodicidad", "start", "end", "label"),
    [
        ("2026-11-20", "01", "2026-11-20", "2026-11-20", "20261120"),
        # weeks run Monday to Sunday …
        ("2026-11-20", "02", "2026-11-16", "2026-11-22", "20261116-S"),
        ("2026-11-16", "02", "2026-11-16", "2026-11-22", "20261116-S"),
        ("2026-11-22", "02", "2026-11-16", "2026-11-22", "20261116-S"),
        # … but are cut at the month's edges (one Meses per CFDI)
        ("2026-12-02", "02", "2026-12-01", "2026-12-06", "20261201-S"),
        ("2026-11-30", "02", "2026-11-30", "2026-11-30", "20261130-S"),
        ("2026-11-15", "03", "2026-11-01", "2026-11-15", "202611-Q1"),
        ("2026-11-16", "03", "2026-11-16", "2026-11-30", "202611-Q2"),
        ("2028-02-29", "03", "2028-02-16", "2028-02-29", "202802-Q2"),
        ("2026-11-20", "04", "2026-11-01", "2026-11-30", "202611"),
        ("2026-01-31", "05", "2026-01-01", "2026-02-28", "2026-B1"),
        ("2028-02-10", "05", "2028-01-01", "2028-02-29", "2028-B1"),
        ("2026-12-31", "05", "2026-11-01", "2026-12-31", "2026-B6"),
    ],
)
def test_periods(day, periodicidad, start, end, label):
    day, start, end = (datetime.date.fromisoformat(d) for d in (day, start, end))
    assert global_invoice.period_start(day, periodicidad) == start
    assert global_invoice.period_end(day, periodicidad) == end
    assert global_invoice.period_label(day, periodicidad) == label
    # every day of the period belongs to it, and the next day starts another one
    assert global_invoice.period_start(end, periodicidad) == start
    assert global_invoice.period_start(end + datetime.timedelta(days=1), periodicidad) == end + datetime.timedelta(
        days=1
    )
    assert global_invoice.informacion_global(start, periodicidad) == global_invoice.informacion_global(
        end, periodicidad
    )


def test_period_of_unknown_periodicity():
    with pytest.raises(ValueError):
        global_invoice.period_start(datetime.date(2026, 11, 20), "06")
