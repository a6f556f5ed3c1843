"""Factura global: POS tickets sold to PUBLICO EN GENERAL, one Concepto per ticket (and tax set).

SAT's rules for the global CFDI: receptor XAXX010101000 "PUBLICO EN GENERAL", régimen 616, UsoCFDI S01,
DomicilioFiscalReceptor = LugarExpedicion, InformacionGlobal(Periodicidad, Meses, Año), ClaveProdServ
01010101, ClaveUnidad ACT, NoIdentificacion = ticket number, Descripcion "Venta". Its lines cannot mix
positive and negative amounts: a refund made in the same period is netted into the ticket it refunds.
"""

import calendar
import datetime
from decimal import Decimal

from . import builder

PERIODICIDADES = {"01": "Diario", "02": "Semanal", "03": "Quincenal", "04": "Mensual", "05": "Bimestral"}
GLOBAL_RECEPTOR_RFC = "XAXX010101000"


def informacion_global(day, periodicidad="01"):
    """InformacionGlobal for a period containing ``day``; bimonthly periods use Meses 13–18."""
    if periodicidad not in PERIODICIDADES:
        raise ValueError(f"Periodicidad desconocida: {periodicidad}")
    month = day.month
    meses = f"{12 + (month + 1) // 2}" if periodicidad == "05" else f"{month:02d}"
    return {"periodicidad": periodicidad, "meses": meses, "ano": day.year}


def period_start(day, periodicidad="01"):
    """First day of the period of ``periodicidad`` that contains ``day``.

    Periods never cross a month (a global invoice has one Meses): weeks start on Monday and are cut at
    the 1st of the month; fortnights are days 1–15 and 16–end; bimonthly periods are Jan–Feb … Nov–Dec.
    """
    if periodicidad not in PERIODICIDADES:
        raise ValueError(f"Periodicidad desconocida: {periodicidad}")
    if periodicidad == "01":
        return day
    if periodicidad == "02":
        return max(day - datetime.timedelta(days=day.weekday()), day.replace(day=1))
    if periodicidad == "03":
        return day.replace(day=1 if day.day <= 15 else 16)
    if periodicidad == "04":
        return day.replace(day=1)
    return day.replace(month=day.month - (day.month - 1) % 2, day=1)


def period_end(day, periodicidad="01"):
    """Last day of the period of ``periodicidad`` that contains ``day`` (see period_start)."""
    start = period_start(day, periodicidad)
    month_end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if periodicidad == "01":
        return start
    if periodicidad == "02":
        return min(start + datetime.timedelta(days=6 - start.weekday()), month_end)
    if periodicidad == "03":
        return start.replace(day=15) if start.day == 1 else month_end
    if periodicidad == "04":
        return month_end
    second = start.replace(month=start.month + 1)
    return second.replace(day=calendar.monthrange(second.year, second.month)[1])


def period_label(day, periodicidad="01"):
    """Name suffix of the global invoice of the period containing ``day``: 20261120, 20261116-S, 202611-Q2…"""
    start = period_start(day, periodicidad)
    return {
        "01": f"{start:%Y%m%d}",
        "02": f"{start:%Y%m%d}-S",
        "03": f"{start:%Y%m}-Q{1 if start.day == 1 else 2}",
        "04": f"{start:%Y%m}",
        "05": f"{start:%Y}-B{(start.month + 1) // 2}",
    }[periodicidad]


def receptor(lugar_expedicion):
    return {
        "rfc": GLOBAL_RECEPTOR_RFC,
        "nombre": builder.GLOBAL_RECEPTOR_NAME,
        "domicilio_fiscal_receptor": lugar_expedicion,
        "regimen_fiscal_receptor": "616",
        "uso_cfdi": "S01",
    }


def ticket_concepts(rows):
    """Concepto dicts (see builder.concepto) from ticket rows.

    ``rows``: iterables of (ticket, taxes, base) where ``ticket`` is the ticket number the row counts for
    (a refund row carries the number of the ticket it refunds), ``taxes`` a list of builder tax dicts
    and ``base`` the untaxed amount (negative for refunds). Rows of one ticket and tax set are added up;
    tickets whose net amount is zero or less are left out.
    """
    totals = {}
    for ticket, taxes, base in rows:
        key = (ticket, tuple(sorted(tuple(sorted(t.items())) for t in taxes)))
        totals.setdefault(key, [taxes, Decimal(0)])[1] += Decimal(str(base))
    concepts = []
    for (ticket, _key), (taxes, base) in totals.items():
        base = builder.money(base)
        if base <= 0:
            continue
        concepts.append(
            {
                "clave_prod_serv": "01010101",
                "clave_unidad": "ACT",
                "no_identificacion": ticket,
                "descripcion": "Venta",
                "cantidad": 1,
                "valor_unitario": base,
                "objeto_imp": "02" if taxes else "01",
                "taxes": list(taxes),
            }
        )
    return concepts
