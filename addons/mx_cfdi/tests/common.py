import base64
import pathlib

from odoo.tests import TransactionCase

CSD_DIR = pathlib.Path(__file__).resolve().parents[1] / "demo" / "csd"


def setup_mx_company(env, company):
    """SAT's test CSD (EKU9003173C9) and the demo PAC on ``company``."""
    env = env(su=True)  # the CSD fields are for CFDI managers; test users may be plain accountants
    company = company.with_env(env)
    env["res.partner"].browse(company.partner_id.id).write(
        {"country_id": env.ref("base.mx").id, "mx_cfdi_sat_name": "ESCUELA KEMPER URGATE"}
    )
    company.write(
        {
            "vat": "EKU9003173C9",
            "mx_cfdi_regimen_id": env.ref("mx_cfdi.regimen_601").id,
            "mx_cfdi_lugar_expedicion": "42501",
            "mx_cfdi_cer": base64.b64encode((CSD_DIR / "EKU9003173C9.cer").read_bytes()),
            "mx_cfdi_key": base64.b64encode((CSD_DIR / "EKU9003173C9.key").read_bytes()),
            "mx_cfdi_password": "12345678a",
            "mx_cfdi_pac": "demo",
        }
    )


def iva16(env, company):
    return env["account.tax"].create(
        {
            "name": "IVA 16% (test mx_cfdi)",
            "amount": 16,
            "type_tax_use": "sale",
            "company_id": company.id,
            "country_id": env.ref("base.mx").id,
            "l10n_mx_tax_type": "iva",
        }
    )


class MxCfdiCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        setup_mx_company(cls.env, cls.company)
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Universidad Robotica Española",
                "is_company": True,
                "country_id": cls.env.ref("base.mx").id,
                "vat": "URE180429TM6",
                "zip": "86991",
                "mx_cfdi_sat_name": "UNIVERSIDAD ROBOTICA ESPAÑOLA",
                "mx_cfdi_regimen_id": cls.env.ref("mx_cfdi.regimen_601").id,
            }
        )
        cls.iva16 = iva16(cls.env, cls.company)
        cls.product = cls.env["product.product"].create(
            {
                "name": "Balata delantera",
                "default_code": "BAL-001",
                "list_price": 333.33,
                "mx_cfdi_clave_prod_serv": "25174800",
                "mx_cfdi_clave_unidad": "H87",
                "taxes_id": [(6, 0, cls.iva16.ids)],
            }
        )

    def _invoice(self, lines=((3, 333.33, 0),), move_type="out_invoice", **vals):
        move = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": self.customer.id,
                "mx_cfdi_forma_pago": "01",
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product.id,
                            "quantity": qty,
                            "price_unit": price,
                            "discount": discount,
                            "tax_ids": [(6, 0, self.iva16.ids)],
                        },
                    )
                    for qty, price, discount in lines
                ],
                **vals,
            }
        )
        return move
