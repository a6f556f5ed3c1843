"""CFDI 4.0 build + seal + XSD validation throughput on one core (target >= 50 documents/s).

Run: PYTHONPATH=vendor/odoo/usr/lib/python3/dist-packages:addons/.. .venv/bin/python scripts/bench/mx_cfdi_throughput.py
"""

import datetime
import pathlib
import sys
import time

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "vendor/odoo/usr/lib/python3/dist-packages"))

import odoo.addons  # noqa: E402

odoo.addons.__path__.append(str(REPO / "addons"))

from odoo.addons.mx_cfdi.lib import builder, xsd  # noqa: E402

CSD = REPO / "addons/mx_cfdi/demo/csd"
IVA = {"impuesto": "002", "tipo_factor": "Tasa", "tasa": "0.16"}


def data(i):
    return {
        "emisor": {"rfc": "EKU9003173C9", "nombre": "ESCUELA KEMPER URGATE", "regimen_fiscal": "601"},
        "receptor": {
            "rfc": "URE180429TM6",
            "nombre": "UNIVERSIDAD ROBOTICA ESPAÑOLA",
            "domicilio_fiscal_receptor": "86991",
            "regimen_fiscal_receptor": "601",
            "uso_cfdi": "G03",
        },
        "lugar_expedicion": "42501",
        "serie": "B",
        "folio": str(i),
        "forma_pago": "01",
        "metodo_pago": "PUE",
        "fecha": datetime.datetime(2026, 11, 20, 12, 0),
        "lines": [
            {
                "clave_prod_serv": "25174800",
                "clave_unidad": "H87",
                "descripcion": f"Refacción {n}",
                "cantidad": n + 1,
                "valor_unitario": 19.99 + n,
                "taxes": [IVA],
            }
            for n in range(5)
        ],
    }


def main(count=300):
    signer = builder.load_signer(
        (CSD / "EKU9003173C9.cer").read_bytes(), (CSD / "EKU9003173C9.key").read_bytes(), "12345678a"
    )
    started = time.perf_counter()
    xsd.validate(builder.seal(builder.build_comprobante(data(0)), signer))
    print(f"warm-up (schema + XSLT load): {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    for i in range(count):
        builder.seal(builder.build_comprobante(data(i)), signer)
    elapsed = time.perf_counter() - started
    print(f"{count} CFDI (5 lines) built + sealed + XSD-validated in {elapsed:.2f} s: {count / elapsed:.1f}/s")


if __name__ == "__main__":
    main()
