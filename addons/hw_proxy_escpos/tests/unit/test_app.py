"""The WSGI app as the POS sees it: routes, CORS, errors, scanner relay, restart without loss."""

import json
import threading
import time

import pytest
from werkzeug.test import Client

from odoo.addons.hw_proxy_escpos.lib import app as app_mod
from odoo.addons.hw_proxy_escpos.lib import decoder
from odoo.addons.hw_proxy_escpos.lib import queue as pq
from odoo.addons.hw_proxy_escpos.lib.fake_printer import REFUSE, STALL, FakePrinter


@pytest.fixture
def proxy(fake_printer, proxy_config):
    app = app_mod.ProxyApp(proxy_config(fake_printer.port, max_request_bytes=300_000))
    yield app, Client(app)
    app.close()


def rpc(client, path, params, origin=None):
    headers = {"Origin": origin} if origin else {}
    response = client.post(path, json={"jsonrpc": "2.0", "id": 7, "method": "call", "params": params}, headers=headers)
    assert response.status_code == 200
    return response.get_json(), response


def test_hello_handshake_and_cors(proxy):
    _app, client = proxy
    hello = client.get("/hw_proxy/hello")
    assert hello.get_data(as_text=True) == "ping"
    assert hello.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/hw_proxy/handshake", headers={"Origin": "https://pos.example"})
    assert preflight.status_code == 204
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert preflight.headers["Access-Control-Allow-Private-Network"] == "true"
    body, _response = rpc(client, "/hw_proxy/handshake", {})
    assert body == {"jsonrpc": "2.0", "id": 7, "result": True}


def test_cors_restricted_to_configured_origins(fake_printer, proxy_config):
    app = app_mod.ProxyApp(proxy_config(fake_printer.port, cors_origins="https://shop.example"), start_workers=False)
    try:
        client = Client(app)
        _body, allowed = rpc(client, "/hw_proxy/handshake", {}, origin="https://shop.example")
        _body, other = rpc(client, "/hw_proxy/handshake", {}, origin="https://evil.example")
        assert allowed.headers["Access-Control-Allow-Origin"] == "https://shop.example"
        assert "Access-Control-Allow-Origin" not in other.headers
    finally:
        app.close()


def test_print_receipt_and_cashbox(proxy, fake_printer, make_image, wait_until):
    app, client = proxy
    body, _response = rpc(
        client, "/hw_proxy/default_printer_action", {"data": {"action": "print_receipt", "receipt": make_image()}}
    )
    assert body["result"]["result"] is True
    body, _response = rpc(client, "/hw_proxy/default_printer_action", {"data": {"action": "cashbox"}})
    assert body["result"]["result"] is True
    assert fake_printer.wait_for_cuts(1)
    assert wait_until(lambda: app.queue.counts() == {"done": 2})
    printed = [n for n in decoder.names(fake_printer.data) if n != "status_query"]
    assert sorted(printed) == sorted(["init", "raster", "feed", "cut", "drawer"])
    status, _response = rpc(client, "/hw_proxy/status_json", {})
    assert status["result"]["printer"]["status"] == "connected"
    page = client.get("/hw_proxy_escpos/status").get_json()
    assert page["queue"] == {"done": 2}


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ({"action": "explode"}, "UnknownAction"),
        ({"action": "print_receipt", "receipt": "aGVsbG8="}, "InvalidPrintData"),
        ({"action": "print_receipt"}, "InvalidPrintData"),
        ({"action": "cashbox", "printer": "kitchen"}, "UnknownPrinter"),
        ("nope", "BadRequest"),
    ],
)
def test_bad_requests_get_clear_errors_and_nothing_is_queued(proxy, data, name):
    app, client = proxy
    body, _response = rpc(client, "/hw_proxy/default_printer_action", {"data": data})
    assert body["error"]["data"]["name"] == f"hw_proxy_escpos.{name}"
    assert body["error"]["message"]
    assert app.queue.counts() == {}
    assert rpc(client, "/hw_proxy/handshake", {})[0]["result"] is True  # still serving


def test_oversized_and_malformed_payloads(proxy):
    app, client = proxy
    big = {"jsonrpc": "2.0", "params": {"data": {"action": "print_receipt", "receipt": "A" * 400_000}}}
    body = client.post("/hw_proxy/default_printer_action", json=big).get_json()
    assert body["error"]["data"]["name"] == "hw_proxy_escpos.PayloadTooLarge"
    body = client.post("/hw_proxy/default_printer_action", data=b"{not json").get_json()
    assert body["error"]["data"]["name"] == "hw_proxy_escpos.BadRequest"
    assert client.get("/nowhere").status_code == 404
    assert app.queue.counts() == {}


def test_hung_printer_never_holds_the_pos_request(proxy_config, make_image):
    # a printer that accepts the connection and never answers: each attempt of the worker waits 60 s
    with FakePrinter(mode=STALL, stall_after=0) as printer:
        cfg = proxy_config(printer.port)
        cfg.printers["receipt"].status_timeout = cfg.printers["receipt"].timeout = 60
        app = app_mod.ProxyApp(cfg)
        try:
            client = Client(app)
            started = time.monotonic()
            for _ in range(3):
                body, _response = rpc(
                    client,
                    "/hw_proxy/default_printer_action",
                    {"data": {"action": "print_receipt", "receipt": make_image()}},
                )
                assert body["result"]["result"] is True
            # had the request waited for the printer, the first one alone would have taken 60 s
            assert time.monotonic() - started < 30
            assert app.queue.counts() == {"pending": 3}
        finally:
            app.close()


def test_offline_printer_keeps_the_job(proxy_config, make_image):
    with FakePrinter(mode=REFUSE) as printer:
        app = app_mod.ProxyApp(proxy_config(printer.port))
        try:
            client = Client(app)
            for _ in range(5):
                body, _response = rpc(
                    client,
                    "/hw_proxy/default_printer_action",
                    {"data": {"action": "print_receipt", "receipt": make_image()}},
                )
                assert body["result"]["result"] is True
            assert app.workers["receipt"].wait_until(lambda w: w.state == "offline", timeout=30)
            status, _response = rpc(client, "/hw_proxy/status_json", {})
            assert status["result"]["printer"]["status"] == "disconnected"
            assert status["result"]["escpos_printers"]["receipt"]["queue"] == {"pending": 5}
        finally:
            app.close()


def test_restart_prints_acknowledged_jobs_exactly_once(proxy_config, make_image, wait_until):
    with FakePrinter(mode=REFUSE) as printer:
        cfg = proxy_config(printer.port)
        app = app_mod.ProxyApp(cfg)
        client = Client(app)
        for copy in range(3):
            data = {"action": "print_receipt", "receipt": make_image(), "uuid": f"order-9-{copy}"}
            rpc(client, "/hw_proxy/default_printer_action", {"data": data})
        rpc(client, "/hw_proxy/default_printer_action", {"data": {**data, "uuid": "order-9-2"}})  # POS retry
        app.close()  # the box reboots with the printer still off
        printer.mode = "ok"
        app = app_mod.ProxyApp(cfg)
        try:
            assert printer.wait_for_cuts(3)
            assert wait_until(lambda: app.queue.counts() == {pq.DONE: 3})
            worker = app.workers["receipt"]
            probes = worker.probes
            assert worker.wait_until(lambda w: w.probes >= probes + 2, timeout=30)  # idle rounds after the jobs
            assert len(printer.events) == 3
        finally:
            app.close()


def test_scanner_long_poll_relays_barcodes(proxy):
    _app, client = proxy
    body, _response = rpc(client, "/hw_proxy/scanner", {})
    assert body["result"] == ""  # timeout: the POS asks again
    results = []
    poller = threading.Thread(target=lambda: results.append(rpc(client, "/hw_proxy/scanner", {})[0]["result"]))
    poller.start()
    time.sleep(0.05)
    rpc(Client(_app), "/hw_proxy_escpos/scan", {"barcode": "7501234567890\n"})
    poller.join(5)
    assert results == ["7501234567890"]


def test_requeue_only_interrupted_jobs(proxy):
    app, client = proxy
    body, _response = rpc(client, "/hw_proxy_escpos/requeue", {"job_id": 999})
    assert "nothing to reprint" in body["error"]["message"]
    assert json.loads(json.dumps(app.status_page()))["default_printer"] == "receipt"
