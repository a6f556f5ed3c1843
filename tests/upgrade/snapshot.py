"""Upgrade test snapshot: what must survive an upgrade, as JSON (run via `odoo shell`).

    UPGRADE_SNAPSHOT=/tmp/snap.json odoo_run shell -d <db> --no-http < tests/upgrade/snapshot.py

Taken twice: with the old code before `-u all` and with the new code after it; the two files must be equal
(sorted keys, stable ordering). Sections (one function each, registered in SECTIONS):

    wallet_balances    balance, ledger sum and row count, points, tier per customer and company
    wallet_ledger      every wallet.transaction: customer, company, type, amount, balance after, key, order
    loyalty_cards      the wallet and points cards (Odoo's loyalty.card) and their loyalty.history totals
    fiado              store-credit limit and debt per customer and company
    cfdi_documents     mx.cfdi.document: move / POS orders, type, state, UUID, cancellation
    account_moves      every journal entry: name, type, state, amounts, partner, CFDI state and UUID
    pos_sessions       sessions: config, state, orders, closing entry
    pos_orders         orders: state, amounts, payments per method, invoice, refund, QR ticket, global CFDI
    qr_tickets         pos.ticket: code, type, state, order; lines with ordered / delivered quantities
    bar_delivery_log   bar.delivery.log counted per ticket, action, result and reason (+ quantities)
    warranties         warranty.warranty: customer, product, quantity, dates, origin
    warranty_claims    name, state, quantity, resolution, refund / wallet amounts and documents, supplier state
    service_orders     name, stage, repair state, quote state, amounts, vehicle, sale order
    service_history    the stage history rows of each service order (stage and user, in order)
    fleet_maintenance  plans and their items: last / next due km and date, due state, service order

The rule: each section reads the data where the running code keeps it. When a release moves data (e.g.
wallet balances off res.partner to a new model), the section of that data reads the NEW place when the new
code runs (after the upgrade) and the OLD place with the old code (before it), and produces the same
structure from both; check `"<field>" in env[model]._fields` or the installed module version to choose.
Only one function changes per move. Never put here what legitimately changes on `-u` or between runs of
the workload: create/write dates, timestamps, durations, tokens, access tokens, random uuids, attempts.
Keys are natural keys that survive an upgrade (names, references, codes) or record ids.
"""

import json
import os
from collections import defaultdict

MONEY = 2
QTY = 4


def money(value):
    return round(value or 0.0, MONEY) + 0.0  # + 0.0: no "-0.0"


def qty(value):
    return round(value or 0.0, QTY) + 0.0


def name_of(record):
    """A stable label of a (maybe empty) record: its name and id (names repeat, ids survive `-u`)."""
    if not record:
        return None
    name = record.display_name if "name" not in record._fields else record.name
    return f"{name} #{record.id}"


def has(env, model, field=None):
    return model in env and (field is None or field in env[model]._fields)


def search(env, model, domain=(), order="id"):
    return env[model].search(list(domain), order=order) if model in env else env["res.partner"].browse()


# ---------------------------------------------------------------------- wallet_loyalty
def wallet_balances(env):
    """Per customer and company: the balance the partner shows, the ledger's sum and row count, points, tier."""
    ledger = defaultdict(lambda: [0.0, 0])
    for move in search(env, "wallet.transaction"):
        row = ledger[move.partner_id, move.company_id]
        row[0] += move.amount
        row[1] += 1
    cards = search(env, "loyalty.card", [("partner_id", "!=", False)])
    keys = set(ledger) | {(card.partner_id, card.company_id) for card in cards if card.company_id}
    result = []
    for partner, company in sorted(keys, key=lambda k: (k[0].id, k[1].id)):
        partner_c = partner.with_company(company)
        total, count = ledger[partner, company]
        result.append(
            {
                "partner": name_of(partner),
                "company": company.name,
                "balance": money(partner_c.wallet_balance),
                "ledger_sum": money(total),
                "ledger_rows": count,
                "points": qty(partner_c.wallet_points),
                "tier": partner_c.wallet_tier_id.code or None,
                "spend_12m": money(partner_c.wallet_spend_12m),
            }
        )
    return result


def wallet_ledger(env):
    return [
        {
            "key": move.key,
            "partner": name_of(move.partner_id),
            "company": move.company_id.name,
            "type": move.movement_type,
            "amount": money(move.amount),
            "balance_after": money(move.balance_after),
            "order": move.pos_order_id.name or None,
            "payment_method": move.pos_payment_id.payment_method_id.name or None,
            "note": move.note or None,
            "card": move.card_id.id,
        }
        for move in search(env, "wallet.transaction", order="key")
    ]


def loyalty_cards(env):
    """Odoo's own cards (wallet balances and points live on them) and their history totals."""
    result = []
    for card in search(env, "loyalty.card"):
        history = card.history_ids
        result.append(
            {
                "id": card.id,
                "program": f"{card.program_id.program_type}:{card.program_id.name}",
                "company": card.company_id.name or None,
                "partner": name_of(card.partner_id),
                "points": qty(card.points),
                "history_rows": len(history),
                "history_issued": qty(sum(history.mapped("issued"))),
                "history_used": qty(sum(history.mapped("used"))),
            }
        )
    return result


def fiado(env):
    """Store credit: the limit (company-dependent) and the debt, for every customer with either, per company."""
    result = []
    for company in search(env, "res.company"):
        partners = env["res.partner"].with_company(company)
        limited = partners.search([("fiado_limit", ">", 0)])
        payments = search(env, "pos.payment", [("company_id", "=", company.id)])
        paid_later = payments.filtered(lambda p: p.payment_method_id.type == "pay_later")  # type is not stored
        for partner in (limited | paid_later.partner_id.commercial_partner_id.with_company(company)).sorted("id"):
            result.append(
                {
                    "partner": name_of(partner),
                    "company": company.name,
                    "limit": money(partner.fiado_limit),
                    "due": money(partner.fiado_due),
                }
            )
    return result


# ---------------------------------------------------------------------- mx_cfdi and accounting
def cfdi_documents(env):
    return [
        {
            "name": doc.name,
            "company": doc.company_id.name,
            "type": doc.cfdi_type,
            "state": doc.state,
            "uuid": doc.uuid or None,
            "move": doc.move_id.name or None,
            "origin_move": doc.origin_move_id.name or None,
            "origin_document": doc.origin_document_id.name or None,
            "global": doc.is_global,
            "global_period": [doc.global_periodicidad, doc.global_meses, doc.global_anio] if doc.is_global else None,
            "pos_orders": sorted(doc.pos_order_ids.mapped("name")),
            "payment_amount": money(doc.payment_amount),
            "installment": doc.installment,
            "cancel_motivo": doc.cancel_motivo or None,
            "sat_status": doc.sat_status or None,
            "has_xml": bool(doc.attachment_id),
        }
        for doc in search(env, "mx.cfdi.document")
    ]


def account_moves(env):
    result = []
    for move in search(env, "account.move"):
        row = {
            "id": move.id,
            "name": move.name,
            "company": move.company_id.name,
            "journal": move.journal_id.code,
            "type": move.move_type,
            "state": move.state,
            "date": str(move.date),
            "partner": name_of(move.partner_id),
            "amount_total": money(move.amount_total),
            "amount_residual": money(move.amount_residual),
            "payment_state": move.payment_state,
            "reversed_entry": move.reversed_entry_id.name or None,
            "lines": len(move.line_ids),
            "balance": money(sum(move.line_ids.mapped("balance"))),
        }
        if has(env, "account.move", "mx_cfdi_document_ids"):
            document = move.mx_cfdi_document_ids.filtered(lambda d: d.cfdi_type in ("I", "E"))[:1]  # not the P
            row.update(cfdi_state=document.state or None, cfdi_uuid=document.uuid or None)
        result.append(row)
    return result


# ---------------------------------------------------------------------- point of sale
def pos_sessions(env):
    return [
        {
            "name": session.name,
            "config": session.config_id.name,
            "company": session.company_id.name,
            "state": session.state,
            "orders": len(session.order_ids),
            "move": session.move_id.name or None,
            "cash_end": money(session.cash_register_balance_end_real),
        }
        for session in search(env, "pos.session")
    ]


def pos_orders(env):
    result = []
    for order in search(env, "pos.order"):
        payments = defaultdict(float)
        for payment in order.payment_ids:
            payments[payment.payment_method_id.name] += payment.amount
        row = {
            "name": order.name,
            "reference": order.pos_reference,
            "uuid": order.uuid,
            "config": order.config_id.name,
            "session": order.session_id.name,
            "state": order.state,
            "date_order": str(order.date_order.date()),  # the day: a refund made by the server has now() as time
            "partner": name_of(order.partner_id),
            "amount_total": money(order.amount_total),
            "amount_tax": money(order.amount_tax),
            "amount_paid": money(order.amount_paid),
            "payments": {method: money(amount) for method, amount in sorted(payments.items())},
            "lines": [[line.product_id.default_code or line.product_id.name, qty(line.qty)] for line in order.lines],
            "invoice": order.account_move.name or None,
            "refunded_order": order.refunded_order_id.name or None,
        }
        if has(env, "pos.order", "qr_ticket_code"):
            row["qr_ticket"] = order.qr_ticket_code or None
        if has(env, "pos.order", "mx_cfdi_global_document_id"):
            row["global_cfdi"] = order.mx_cfdi_global_document_id.name or None
        if has(env, "pos.order", "fiado_approver_id"):
            row.update(fiado_approver=order.fiado_approver_id.login or None, savings=money(order.savings_amount))
        result.append(row)
    return result


# ---------------------------------------------------------------------- pos_tickets_qr and bar_delivery
def qr_tickets(env):
    return [
        {
            "code": ticket.code,
            "type": ticket.ticket_type,
            "state": ticket.state,
            "order": ticket.order_id.name,
            "company": ticket.company_id.name,
            "expiry": ticket.expiry_mode,
            "hanger": ticket.hanger_number,
            "void_reason": ticket.void_reason or None,
            "lines": [
                {
                    "product": line.product_id.default_code or line.product_id.name,
                    "ordered": qty(line.qty_ordered),
                    "delivered": qty(line.qty_delivered),
                    "remaining": qty(line.qty_remaining),
                }
                for line in ticket.line_ids.sorted("id")
            ],
        }
        for ticket in search(env, "pos.ticket", order="code")
    ]


def bar_delivery_log(env):
    counts = defaultdict(lambda: {"rows": 0, "qty_delivered": 0.0})
    for log in search(env, "bar.delivery.log"):
        key = (log.ticket_code or "-", log.action, log.result, log.reason, log.station_id.name or "-")
        counts[key]["rows"] += 1
        counts[key]["qty_delivered"] += log.qty_delivered
    return [
        {
            "ticket": ticket,
            "action": action,
            "result": result,
            "reason": reason,
            "station": station,
            "rows": value["rows"],
            "qty_delivered": qty(value["qty_delivered"]),
        }
        for (ticket, action, result, reason, station), value in sorted(counts.items())
    ]


# ---------------------------------------------------------------------- warranty_rma
def warranties(env):
    return [
        {
            "name": warranty.name,
            "partner": name_of(warranty.partner_id),
            "product": warranty.product_id.default_code or warranty.product_id.name,
            "quantity": qty(warranty.quantity),
            "price_unit": money(warranty.price_unit),
            "date_start": str(warranty.date_start),
            "date_end": str(warranty.date_end),
            "origin": warranty.origin_ref or None,
            "pos_order": warranty.pos_order_id.name or None,
            "vehicle": warranty.vehicle_id.license_plate or None,
        }
        for warranty in search(env, "warranty.warranty")
    ]


def warranty_claims(env):
    return [
        {
            "name": claim.name,
            "warranty": claim.warranty_id.name,
            "state": claim.state,
            "quantity": qty(claim.quantity),
            "resolution": claim.resolution or None,
            "refund_move": claim.refund_move_id.name or None,
            "refunded_amount": money(claim.refund_move_id.amount_total or claim.refund_pos_order_id.amount_total),
            "refund_pos_order": claim.refund_pos_order_id.name or None,
            "wallet_amount": money(claim.wallet_amount),
            "wallet_reference": claim.wallet_reference or None,
            "wallet_move": claim.wallet_move_id.name or None,
            "receipt": claim.receipt_picking_id.name or None,
            "replacement": claim.replacement_picking_id.name or None,
            "supplier_state": claim.supplier_state,
            "supplier_refund": claim.supplier_refund_id.id or None,
            "cost": money(claim.cost),
            "reject_reason": claim.reject_reason or None,
        }
        for claim in search(env, "warranty.claim", order="name")
    ]


# ---------------------------------------------------------------------- service_orders and fleet_maintenance
def service_orders(env):
    return [
        {
            "name": order.name,
            "stage": order.stage_id.code or order.stage_id.name,
            "repair_state": order.state,
            "quote_state": order.quote_state,
            "quote_approved_by": order.quote_approved_by or None,
            "partner": name_of(order.partner_id),
            "vehicle": order.vehicle_id.license_plate or None,
            "checkin_odometer": qty(order.checkin_odometer),
            "parts_amount": money(order.parts_amount),
            "labour_amount": money(order.labour_amount),
            "amount_total": money(order.amount_total),
            "labour_lines": len(order.labour_ids),
            "checklist": sorted(line.result or "-" for line in order.checklist_line_ids),
            "sale_order": order.sale_order_id.name or None,
        }
        for order in search(env, "service.order")
    ]


def service_history(env):
    history = defaultdict(list)
    for row in search(env, "service.order.stage.history"):
        history[row.order_id.name].append(
            {"stage": row.stage_id.code or row.stage_id.name, "user": row.user_id.login, "open": not row.date_out}
        )
    return dict(history)


def fleet_maintenance(env):
    plans = [
        {
            "name": plan.name,
            "company": plan.company_id.name,
            "model": name_of(plan.model_id),
            "vehicle": plan.vehicle_id.license_plate or None,
            "customer": name_of(plan.customer_id),
            "interval_km": qty(plan.interval_km),
            "interval_months": plan.interval_months,
            "items": [
                {
                    "vehicle": item.vehicle_id.license_plate,
                    "last_done_km": qty(item.last_done_km),
                    "last_done_date": str(item.last_done_date),
                    "next_due_km": qty(item.next_due_km),
                    "next_due_date": str(item.next_due_date),
                    "state": item.state,
                    "service_order": item.service_order_id.name or None,
                    "alert_sent": str(item.alert_sent_date),
                }
                for item in plan.item_ids.sorted("id")
            ],
        }
        for plan in search(env, "fleet.maintenance.plan")
    ]
    odometers = defaultdict(list)
    for reading in search(env, "fleet.vehicle.odometer"):
        odometers[reading.vehicle_id.license_plate or name_of(reading.vehicle_id)].append(qty(reading.value))
    return {"plans": plans, "odometer_readings": dict(odometers)}


SECTIONS = {
    "wallet_balances": wallet_balances,
    "wallet_ledger": wallet_ledger,
    "loyalty_cards": loyalty_cards,
    "fiado": fiado,
    "cfdi_documents": cfdi_documents,
    "account_moves": account_moves,
    "pos_sessions": pos_sessions,
    "pos_orders": pos_orders,
    "qr_tickets": qr_tickets,
    "bar_delivery_log": bar_delivery_log,
    "warranties": warranties,
    "warranty_claims": warranty_claims,
    "service_orders": service_orders,
    "service_history": service_history,
    "fleet_maintenance": fleet_maintenance,
}


def snapshot(root_env):
    # superuser, every company, archived records too, one language: labels and names never depend on who reads
    env = root_env(su=True, context={"active_test": False, "lang": "en_US", "tz": "UTC"})
    env = env(context=dict(env.context, allowed_company_ids=env["res.company"].search([]).ids))
    return {name: section(env) for name, section in SECTIONS.items()}


def main(root_env):
    path = os.environ.get("UPGRADE_SNAPSHOT")
    if not path:
        raise SystemExit("UPGRADE_SNAPSHOT must name the JSON file to write")
    data = snapshot(root_env)
    with open(path, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=1, sort_keys=True, ensure_ascii=False)
        out.write("\n")
    counts = ", ".join(f"{name}: {len(value)}" for name, value in data.items())
    print(f"SNAPSHOT {path}: {counts}")


main(env)  # noqa: F821 (odoo shell)
