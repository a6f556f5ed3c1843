"""Probe run in ``odoo shell`` on a restored backup (tests/upgrade/test_upgrade.py): what a shop needs back
from a backup still works. Writes JSON to $PROBE_REPORT; changes nothing.

- the company's CSD loads and seals (its key and password came back with the database and filestore);
- every stamped CFDI keeps its XML attachment, readable from the filestore and carrying its UUID;
- every QR ticket's printed payload still verifies to that ticket (same signing secret);
- every wallet card's balance equals the sum of its ledger.
"""

import base64
import json
import os

env = globals()["env"]  # odoo shell global
report = {"csd": {}, "cfdi_xml_missing": [], "tickets_refused": [], "wallet_mismatch": []}

for company in env["res.company"].search([]).filtered(lambda c: c.sudo().mx_cfdi_cer):
    signer = company._mx_cfdi_signer()
    signature = signer.sign_sha256(b"restore probe")
    report["csd"][company.name] = [signer.rfc, signer.verify_sha256(b"restore probe", base64.b64decode(signature))]

documents = env["mx.cfdi.document"].sudo().search([("uuid", "!=", False)])
for document in documents:
    raw = document.attachment_id.raw or b""
    if document.uuid.encode() not in raw.upper() and document.uuid.lower().encode() not in raw.lower():
        report["cfdi_xml_missing"].append(document.name)
report["cfdi_checked"] = len(documents)

Ticket = env["pos.ticket"].sudo()
tickets = Ticket.search([])
for ticket in tickets:
    found, _reason = Ticket.with_context(allowed_company_ids=ticket.company_id.ids)._find_by_payload(ticket.payload)
    if found != ticket:
        report["tickets_refused"].append(ticket.code)
report["tickets_checked"] = len(tickets)

cards = env["loyalty.card"].sudo().search([("is_wallet", "=", True)])
for card in cards:
    ledger = sum(env["wallet.transaction"].sudo().search([("card_id", "=", card.id)]).mapped("amount"))
    if round(ledger - card.points, 2):
        report["wallet_mismatch"].append(card.code)
report["wallet_cards_checked"] = len(cards)

env.cr.rollback()
with open(os.environ["PROBE_REPORT"], "w") as stream:
    json.dump(report, stream, sort_keys=True)
