import datetime
import pathlib

import pytest

from odoo.addons.mx_cfdi.lib import builder

CSD_DIR = pathlib.Path(__file__).resolve().parents[2] / "demo" / "csd"


@pytest.fixture(scope="session")
def signer():
    return builder.load_signer(
        (CSD_DIR / "EKU9003173C9.cer").read_bytes(), (CSD_DIR / "EKU9003173C9.key").read_bytes(), "12345678a"
    )


def invoice_data(lines, **extra):
    data = {
        "emisor": {"rfc": "EKU9003173C9", "nombre": "ESCUELA KEMPER URGATE", "regimen_fiscal": "601"},
        "receptor": {
            "rfc": "XAXX010101000",
            "nombre": "PUBLICO EN GENERAL",
            "domicilio_fiscal_receptor": "42501",
            "regimen_fiscal_receptor": "616",
            "uso_cfdi": "S01",
        },
        "lugar_expedicion": "42501",
        "serie": "INV",
        "folio": "2026-0001",
        "forma_pago": "01",
        "metodo_pago": "PUE",
        "fecha": datetime.datetime(2026, 11, 20, 12, 0, 0),
        "lines": lines,
    }
    data.update(extra)
    return data


IVA16 = {"impuesto": "002", "tipo_factor": "Tasa", "tasa": "0.160000"}


def line(price, qty=1, taxes=(IVA16,), **extra):
    values = {
        "clave_prod_serv": "25174800",
        "clave_unidad": "H87",
        "unidad": "Pieza",
        "descripcion": "Balatas delanteras",
        "cantidad": qty,
        "valor_unitario": price,
        "taxes": list(taxes),
    }
    values.update(extra)
    return values
