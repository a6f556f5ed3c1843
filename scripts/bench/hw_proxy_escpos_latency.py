#!/usr/bin/env python3
"""Benchmark of the ESC/POS proxy: POS request -> last byte (the cut) at a fake network printer.

    .venv/bin/python scripts/bench/hw_proxy_escpos_latency.py [--receipts 50] [--jobs 200]

1. p50/p95/max latency, for an 80 mm image receipt (JPEG like the POS sends), from the POST of
   /hw_proxy/default_printer_action over HTTP to the arrival of the cut command at the printer.
2. Queue throughput: jobs/second the worker sends through the persistent queue (receipts queued
   while the printer is "off", then the printer comes back and the backlog is drained).
"""

import argparse
import base64
import importlib.util
import io
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image, ImageDraw

LIB_DIR = Path(__file__).resolve().parents[2] / "addons" / "hw_proxy_escpos" / "lib"


def load_lib():
    spec = importlib.util.spec_from_file_location(
        "hw_proxy_escpos_lib", LIB_DIR / "__init__.py", submodule_search_locations=[str(LIB_DIR)]
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = package
    spec.loader.exec_module(package)
    return {name: importlib.import_module(f"{spec.name}.{name}") for name in ("app", "config", "fake_printer")}


def pos_receipt_jpeg(height=1400):
    """An 80 mm receipt-sized picture with text lines, JPEG base64 like the POS's canvas export."""
    image = Image.new("RGB", (576, height), "white")
    draw = ImageDraw.Draw(image)
    for row in range(10, height - 20, 22):
        draw.text((10, row), f"1 x Balata delantera {row:5d}        $ {row * 3.5:10.2f}", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return base64.b64encode(buffer.getvalue()).decode()


def post(url, data):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "call", "params": {"data": data}}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--receipts", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=200)
    args = parser.parse_args()
    lib = load_lib()
    receipt = pos_receipt_jpeg()
    folder = Path(tempfile.mkdtemp(prefix="hw_proxy_bench_"))

    with lib["fake_printer"].FakePrinter() as printer:
        cfg = lib["config"].from_dict(
            {
                "proxy": {"host": "127.0.0.1", "port": 0, "queue_path": str(folder / "latency.sqlite")},
                "printers": {"receipt": {"host": "127.0.0.1", "port": printer.port}},
            }
        )
        server = lib["app"].ProxyServer(cfg).start()
        url = f"http://127.0.0.1:{server.port}/hw_proxy/default_printer_action"
        latencies, acks = [], []
        try:
            post(url, {"action": "print_receipt", "receipt": receipt})  # warm-up
            printer.wait_for_cuts(1)
            for index in range(args.receipts):
                started = time.perf_counter()
                answer = post(url, {"action": "print_receipt", "receipt": receipt})
                acks.append(time.perf_counter() - started)
                assert answer["result"]["result"] is True, answer
                assert printer.wait_for_cuts(index + 2), "the printer did not get the receipt"
                latencies.append(printer.events[-1][0] - started)
        finally:
            server.stop()

    with lib["fake_printer"].FakePrinter(mode="refuse") as printer:
        cfg = lib["config"].from_dict(
            {
                "proxy": {"host": "127.0.0.1", "port": 0, "queue_path": str(folder / "throughput.sqlite")},
                "printers": {"receipt": {"host": "127.0.0.1", "port": printer.port}},
            }
        )
        app = lib["app"].ProxyApp(cfg, start_workers=False)
        payload = app._encode("print_receipt", {"receipt": receipt}, cfg.printers["receipt"])
        started = time.perf_counter()
        for _ in range(args.jobs):
            app.queue.enqueue("receipt", "print_receipt", payload)
        enqueue_s = time.perf_counter() - started
        printer.mode = "ok"
        started = time.perf_counter()
        app.start()
        assert printer.wait_for_cuts(args.jobs, timeout=300)
        drain_s = time.perf_counter() - started
        app.close()

    ms = sorted(1000 * value for value in latencies)
    p95 = ms[min(len(ms) - 1, round(0.95 * len(ms)) - 1)]
    print(f"receipt: 80 mm, {len(payload)} bytes of ESC/POS, JPEG {len(receipt) // 1024} KiB base64")
    print(
        f"POS request -> last byte at printer ({len(ms)} receipts): "
        f"p50 {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms (target p95 <= 300 ms)"
    )
    print(f"HTTP acknowledgement: p50 {1000 * statistics.median(acks):.1f} ms")
    print(f"queue: {args.jobs} jobs stored in {enqueue_s:.2f} s ({args.jobs / enqueue_s:.0f} jobs/s, fsync'd)")
    print(f"queue: drained to the printer in {drain_s:.2f} s ({args.jobs / drain_s:.1f} jobs/s)")


if __name__ == "__main__":
    main()
