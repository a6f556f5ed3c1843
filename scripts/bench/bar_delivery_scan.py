#!/usr/bin/env python3
"""Benchmark: 20 bartenders scanning and delivering over HTTP at the same time.

Usage (a database with bar_delivery installed, e.g. the one `scripts/test.sh pos_tickets_qr bar_delivery`
leaves behind):
    PYTHONPATH=vendor/odoo/usr/lib/python3/dist-packages .venv/bin/python \
        scripts/bench/bar_delivery_scan.py suite_test_pos_tickets_qr_bar_delivery [clients] [tickets] [qty] [workers] \
        [think_ms]

It commits a bench POS session with `tickets` paid orders of `qty` beers each in the demo company
"Bar Demo", starts an Odoo server on a free port (18300-18399), then `clients` threads each log in
as the bar tablet and loop: scan a random ticket, deliver 1. Demand is twice the stock, so many
deliveries race on the same lines. Prints p50/p95 per route and checks that no line was delivered
beyond its ordered quantity and that the log agrees with the ticket lines. ``workers`` = 0 (default)
runs the server threaded (as run.sh does), N > 0 runs it with N prefork workers (as in production).
``think_ms`` = 0 (default) is a closed loop: every client fires its next request as soon as the last
answer arrives, i.e. 20 requests always in flight, which measures saturation. ``think_ms`` > 0 makes
each client pause a random 0.5-1.5 × think_ms before each request, as a bartender does between reading
the ticket and tapping "deliver": 20 bartenders at a human pace.
"""

import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import requests

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import config

ROOT = Path(__file__).resolve().parents[2]
ODOO_PY = ROOT / "vendor/odoo/usr/lib/python3/dist-packages"
LOGIN = "bench_bar_tablet"


def _free_port(exclude=None):
    for port in range(18300, 18400):
        if port == exclude:
            continue
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise SystemExit("no free port in 18300-18399")


def _order(session, product, qty):
    total = product.list_price * qty
    order_uuid = str(uuid.uuid4())
    cash = session.config_id.payment_method_ids.filtered("is_cash_count")[:1]
    return {
        "amount_paid": total,
        "amount_return": 0,
        "amount_tax": 0,
        "amount_total": total,
        "date_order": odoo.fields.Datetime.to_string(odoo.fields.Datetime.now()),
        "pricelist_id": session.config_id.pricelist_id.id,
        "lines": [
            Command.create(
                {
                    "product_id": product.id,
                    "qty": qty,
                    "price_unit": product.list_price,
                    "price_subtotal": total,
                    "price_subtotal_incl": total,
                    "tax_ids": [],
                    "uuid": str(uuid.uuid4()),
                }
            )
        ],
        "payment_ids": [Command.create({"amount": total, "payment_method_id": cash.id})],
        "session_id": session.id,
        "uuid": order_uuid,
        "name": f"Bench {order_uuid}",
        "state": "paid",
        "last_order_preparation_change": "{}",
    }


def _setup(db, tickets, qty):
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.ref("pos_tickets_qr.bar_demo_company")
        env = env(context={"allowed_company_ids": [company.id]})
        pos_config = env["pos.config"].search([("company_id", "=", company.id)], limit=1)
        pos_config.write({"qr_ticket_enabled": True, "qr_ticket_expiry": "never"})
        session = pos_config.current_session_id
        if not session:
            # open_ui() refuses the superuser outside tests: open the session for the admin
            session = env["pos.session"].create({"config_id": pos_config.id, "user_id": env.ref("base.user_admin").id})
        product = env.ref("pos_tickets_qr.product_beer_lager")
        station = env.ref("bar_delivery.bar_station_main")
        employees = station.employee_ids
        user = env["res.users"].search([("login", "=", LOGIN)])
        if not user:
            user = env["res.users"].create(
                {
                    "name": "Bench bar tablet",
                    "login": LOGIN,
                    "password": LOGIN,
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "group_ids": [Command.set([env.ref("bar_delivery.group_bar_delivery_bartender").id])],
                }
            )
        # the bench hammers few tickets on purpose: lift the rapid-scan alarm for it
        env["ir.config_parameter"].set_param("bar_delivery.rapid_scan_limit", "1000000")
        orders = [_order(session, product, qty) for _i in range(tickets)]
        env["pos.order"].sync_from_ui(orders)
        found = env["pos.ticket"].search([("order_id.uuid", "in", [o["uuid"] for o in orders])])
        cr.commit()
        return {
            "payloads": found.mapped("payload"),
            "ticket_ids": found.ids,
            "station_id": station.id,
            "employees": [(e.id, e.pin) for e in employees],
        }


def _verify(db, ticket_ids):
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        lines = env["pos.ticket.line"].search([("ticket_id", "in", ticket_ids)])
        over = lines.filtered(lambda line: line.qty_delivered > line.qty_ordered)
        logs = env["bar.delivery.log"].search(
            [("ticket_id", "in", ticket_ids), ("action", "=", "deliver"), ("result", "=", "accepted")]
        )
        env["ir.config_parameter"].set_param("bar_delivery.rapid_scan_limit", "5")
        cr.commit()
        return {
            "ordered": sum(lines.mapped("qty_ordered")),
            "delivered": sum(lines.mapped("qty_delivered")),
            "logged": sum(logs.mapped("qty_delivered")),
            "over_delivered_lines": len(over),
        }


def _start_server(db, port, workers):
    env = dict(os.environ, PYTHONPATH=str(ODOO_PY))
    cmd = [
        str(ROOT / ".venv/bin/python"), str(ROOT / "vendor/odoo/usr/bin/odoo"), "server",
        "-c", str(ROOT / "odoo.conf"), "-d", db, "--db-filter", f"^{db}$",
        f"--addons-path={ODOO_PY}/odoo/addons,{ROOT}/addons",
        f"--data-dir={ROOT}/var/filestore", "--http-interface=127.0.0.1", f"--http-port={port}",
        "--db_host", os.environ.get("PGHOST", "127.0.0.1"), "--db_port", os.environ.get("PGPORT", "5432"),
        "--db_user", os.environ.get("PGUSER_ODOO", "odoo"), "--db_password", os.environ.get("PGPASSWORD_ODOO", "odoo"),
        "--log-level=warn", "--max-cron-threads=0", f"--workers={workers}",
    ]  # fmt: skip
    if workers:
        cmd += [f"--gevent-port={_free_port(exclude=port)}", "--limit-time-real=600"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _i in range(120):
        try:
            requests.get(f"http://127.0.0.1:{port}/web/login", timeout=60)
            return proc
        except requests.RequestException:
            time.sleep(1)
    proc.terminate()
    raise SystemExit("the server did not start")


def _login(base, db):
    """One tablet session shared by the clients (a login costs a slow password hash: not measured)."""
    response = requests.post(
        f"{base}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": LOGIN, "password": LOGIN}},
        timeout=120,
    )
    response.raise_for_status()
    if not response.json().get("result", {}).get("uid"):
        raise SystemExit(f"bench login failed: {response.text[:300]}")
    # warm-up (routing map, registry caches): the first request of a fresh server is not measured
    requests.post(
        f"{base}/bar_delivery/bootstrap",
        json={"jsonrpc": "2.0", "method": "call", "params": {}},
        cookies=response.cookies,
        timeout=120,
    ).raise_for_status()
    return response.cookies


def _client(base, cookies, data, rounds, timings, statuses, barrier, think_ms):
    http = requests.Session()
    http.cookies.update(cookies)
    employee_id, pin = random.choice(data["employees"])
    creds = {"station_id": data["station_id"], "employee_id": employee_id, "pin": pin}
    barrier.wait()
    last = {}
    for _i in range(rounds):
        payload = random.choice(data["payloads"])
        for route in ("scan", "deliver"):
            params = {**creds, "payload": payload}
            if think_ms:
                time.sleep(random.uniform(0.5, 1.5) * think_ms / 1000)
            if route == "deliver":
                line_id = last["ticket"]["lines"][0]["id"] if last.get("ticket") else 0
                params["quantities"] = {str(line_id): 1}
            started = time.perf_counter()
            response = http.post(
                f"{base}/bar_delivery/{route}",
                data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
                headers={"Content-Type": "application/json"},
                timeout=120,
            )
            timings[route].append((time.perf_counter() - started) * 1000)
            body = response.json() if response.ok else {}
            if "result" not in body:
                # an HTTP or JSON-RPC error (e.g. retries exhausted): counted, never hidden
                statuses.append((route, "error"))
                last = {}
                continue
            last = body["result"]
            statuses.append((route, last["status"]))


def _pct(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


def main():
    db = sys.argv[1] if len(sys.argv) > 1 else "suite_test_pos_tickets_qr_bar_delivery"
    clients = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    tickets = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    qty = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    workers = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    think_ms = int(sys.argv[6]) if len(sys.argv) > 6 else 0
    config.parse_config(["-c", str(ROOT / "odoo.conf"), f"--addons-path={ODOO_PY}/odoo/addons,{ROOT}/addons"])
    db_options = (
        ("db_host", "PGHOST", "127.0.0.1"),
        ("db_port", "PGPORT", "5432"),
        ("db_user", "PGUSER_ODOO", "odoo"),
        ("db_password", "PGPASSWORD_ODOO", "odoo"),
    )
    for key, env_key, default in db_options:
        value = os.environ.get(env_key, default)
        config[key] = int(value) if key == "db_port" else value
    data = _setup(db, tickets, qty)
    rounds = max(1, (tickets * qty * 2) // clients)  # demand = twice the stock
    port = _free_port()
    server = _start_server(db, port, workers)
    try:
        timings = {"scan": [], "deliver": []}
        statuses = []
        barrier = threading.Barrier(clients)
        base = f"http://127.0.0.1:{port}"
        args = (base, _login(base, db), data, rounds, timings, statuses, barrier, think_ms)
        threads = [threading.Thread(target=_client, args=args) for _i in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = _verify(db, data["ticket_ids"])
    accepted = sum(1 for route, status in statuses if route == "deliver" and status == "ok")
    mode = f"{workers} workers" if workers else "threaded"
    pace = f"think {think_ms} ms" if think_ms else "closed loop"
    print(
        f"server={mode} clients={clients} ({pace}) tickets={tickets} qty/ticket={qty} "
        f"requests={len(statuses)} in {elapsed:.1f}s"
    )
    errors = sum(1 for _route, status in statuses if status == "error")
    for route, values in timings.items():
        if not values:
            print(f"{route:8s} n=0")
            continue
        print(
            f"{route:8s} n={len(values)} p50={statistics.median(values):.1f} ms "
            f"p95={_pct(values, 95):.1f} ms max={max(values):.1f} ms"
        )
    print(f"ordered={result['ordered']:g} delivered={result['delivered']:g} logged={result['logged']:g} "
          f"accepted_responses={accepted} over_delivered_lines={result['over_delivered_lines']}")  # fmt: skip
    counts = {}
    for route, status in statuses:
        counts[f"{route}:{status}"] = counts.get(f"{route}:{status}", 0) + 1
    print("answers:", ", ".join(f"{key}={value}" for key, value in sorted(counts.items())))
    ok = result["over_delivered_lines"] == 0 and result["delivered"] == result["logged"] == accepted and not errors
    agrees = result["delivered"] == result["logged"] == accepted
    print(f"over-deliveries: {result['over_delivered_lines']}, log agrees: {agrees}, request errors: {errors}")
    print("RESULT: OK" if ok else "RESULT: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
