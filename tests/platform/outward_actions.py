"""Probe run in ``odoo shell`` (tests/platform/test_staging_copy.py): tries every action of the suite that
reaches outside the database, then rolls back. Writes what it saw as JSON to $OUTWARD_REPORT.

Actions: stamp an invoice's CFDI now (PAC), decode an unseen VIN (vPIC), answer a queued AI fitment
request (LLM endpoint); and reads what a till would use to reach the shop's box (POS proxy address,
ESC/POS proxy printers) and a fingerprint of the QR ticket signing secret.
"""

import hashlib
import json
import os

company = env.ref("base.main_company")  # noqa: F821 (odoo shell global)
env = env(context=dict(env.context, allowed_company_ids=[company.id]))  # noqa: F821
report = {}

# CFDI: a named invoice to a Mexican customer, its document stamped at once
customer = env["res.partner"].create(
    {
        "name": "Cliente Sondeo Copia",
        "is_company": True,
        "country_id": env.ref("base.mx").id,
        "vat": "URE180429TM6",
        "zip": "86991",
        "mx_cfdi_sat_name": "UNIVERSIDAD ROBOTICA ESPAÑOLA",
        "mx_cfdi_regimen_id": env.ref("mx_cfdi.regimen_601").id,
    }
)
product = env["product.product"].create(
    {"name": "Sondeo", "list_price": 100.0, "mx_cfdi_clave_prod_serv": "25174800", "mx_cfdi_clave_unidad": "H87"}
)
move = env["account.move"].create(
    {
        "move_type": "out_invoice",
        "partner_id": customer.id,
        "mx_cfdi_forma_pago": "01",
        "invoice_line_ids": [(0, 0, {"product_id": product.id, "quantity": 1, "price_unit": 100.0, "tax_ids": []})],
    }
)
move.action_post()
document = move._mx_cfdi_document()
report["pac"] = type(company._mx_cfdi_pac_client()).__name__
document.action_process_now()
report["cfdi_state"] = document.state

# vPIC: a VIN nobody asked before
report["vpic"] = env["fitment.vin.cache"]._enrich("1HGCM82633A004352")

# LLM: one queued request answered
job = env["fitment.ai.job"].sudo().create({"product_tmpl_id": product.product_tmpl_id.id})
env["fitment.ai.job"].sudo()._process_queue()
report["ai_job_attempts"] = job.attempts

# the shop's box, as the tills would reach it
configs = env["pos.config"].sudo().search([])
report["pos_proxies"] = sorted({c.proxy_ip or "" for c in configs if c.is_posbox} - {""})
printers = env["pos.printer"].sudo().search([("printer_type", "=", "escpos_proxy")])
report["escpos_printer_urls"] = sorted({p.escpos_proxy_url or "" for p in printers} - {""})

# what a copy keeps of the shop's secrets
company_sudo = company.sudo()
report["pac_credentials"] = [
    bool(company_sudo.mx_cfdi_pac_url),
    bool(company_sudo.mx_cfdi_pac_username),
    bool(company_sudo.mx_cfdi_pac_password),
]
secret = env["pos.ticket"]._get_signing_secret()  # what the next ticket is signed with
report["ticket_secret_sha256"] = hashlib.sha256(secret.encode()).hexdigest()
report["ai_key_set"] = bool(env["ir.config_parameter"].sudo().get_param("autoparts_fitment.ai_key"))

env.cr.rollback()
with open(os.environ["OUTWARD_REPORT"], "w") as stream:
    json.dump(report, stream, default=str)
