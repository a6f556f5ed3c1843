"""Printing through python-escpos to the fake TCP printer: offline, stalled, out of paper."""

import pytest

from odoo.addons.hw_proxy_escpos.lib import decoder, encoding, printers
from odoo.addons.hw_proxy_escpos.lib import queue as pq
from odoo.addons.hw_proxy_escpos.lib.fake_printer import PAPER_OUT, REFUSE, STALL, FakePrinter


def _printable(data):
    return [name for name in decoder.names(data) if name != "status_query"]


def _worker(cfg, queue):
    return printers.PrinterWorker(cfg.printers["receipt"], queue, 0.05, 0.2, 0.2)


def test_receipt_reaches_the_printer_once(fake_printer, proxy_config, make_image, wait_until):
    cfg = proxy_config(fake_printer.port)
    queue = pq.PrintQueue(cfg.queue_path)
    job_id, _ = queue.enqueue("receipt", "print_receipt", encoding.receipt(make_image(), 80))
    worker = _worker(cfg, queue)
    worker.start()
    try:
        assert fake_printer.wait_for_cuts(1)
        assert wait_until(lambda: queue.get(job_id)["state"] == pq.DONE)
        assert worker.state == printers.ONLINE
    finally:
        worker.stop()
        worker.join(5)
    assert _printable(fake_printer.data) == ["init", "raster", "feed", "cut"]


def test_offline_printer_keeps_job_and_prints_it_once_back_online(proxy_config, wait_until):
    with FakePrinter(mode=REFUSE) as printer:
        cfg = proxy_config(printer.port)
        queue = pq.PrintQueue(cfg.queue_path)
        job_id, _ = queue.enqueue("receipt", "cashbox", encoding.cashbox(2), priority=0)
        worker = _worker(cfg, queue)
        worker.start()
        try:
            assert wait_until(lambda: worker.breaker.failures >= 2)
            assert worker.state == printers.OFFLINE
            assert queue.get(job_id)["state"] == pq.PENDING
            printer.mode = "ok"
            assert wait_until(lambda: queue.get(job_id)["state"] == pq.DONE, timeout=30)
            # two more idle probes after the job: still no second copy
            probes = worker.probes
            assert worker.wait_until(lambda w: w.probes >= probes + 2, timeout=30)
        finally:
            worker.stop()
            worker.join(5)
        assert _printable(printer.data) == ["drawer"]


def test_paper_out_keeps_job_pending(proxy_config, wait_until):
    with FakePrinter(mode=PAPER_OUT) as printer:
        cfg = proxy_config(printer.port)
        queue = pq.PrintQueue(cfg.queue_path)
        job_id, _ = queue.enqueue("receipt", "cashbox", encoding.cashbox(5))
        worker = _worker(cfg, queue)
        worker.start()
        try:
            assert wait_until(lambda: worker.state == printers.PAPER_OUT)
            assert queue.get(job_id)["state"] == pq.PENDING
            assert "paper" in queue.get(job_id)["last_error"]
            printer.mode = "ok"
            assert wait_until(lambda: queue.get(job_id)["state"] == pq.DONE)
        finally:
            worker.stop()
            worker.join(5)
        assert _printable(printer.data) == ["drawer"]


def test_printer_stalling_mid_job_interrupts_it_without_resending(proxy_config, make_image, wait_until):
    with FakePrinter(mode=STALL, stall_after=1000) as printer:
        cfg = proxy_config(printer.port)
        queue = pq.PrintQueue(cfg.queue_path)
        job_id, _ = queue.enqueue("receipt", "print_receipt", encoding.receipt(make_image(), 80))
        worker = _worker(cfg, queue)
        worker.start()
        try:
            assert wait_until(lambda: queue.get(job_id)["state"] == pq.INTERRUPTED, timeout=30)
            # the state is set before the job is marked: no window where the printer looks online
            assert worker.state == printers.OFFLINE
            connections = len(printer.jobs)
            probes = worker.probes
            # two more probes of the still stalled printer: it stays offline, the job is not resent
            assert worker.wait_until(lambda w: w.probes >= probes + 2, timeout=30)
            assert worker.state == printers.OFFLINE
            assert queue.get(job_id)["state"] == pq.INTERRUPTED
        finally:
            worker.stop()
            worker.join(5)
        assert len(printer.jobs) > connections
        assert all(len(job) < 100 for job in printer.jobs[connections:])


def test_breaker_opens_after_failures_and_half_opens():
    now = [0.0]
    breaker = printers.CircuitBreaker(threshold=2, base_s=1.0, max_s=4.0, clock=lambda: now[0])
    breaker.record_failure()
    assert breaker.state == "closed"
    breaker.record_failure()
    assert breaker.state == "open"
    assert not breaker.allow()
    now[0] = 2.1
    assert breaker.state == "half_open"
    breaker.record_failure()
    assert breaker.remaining() == pytest.approx(4.0)  # capped exponential back-off
    breaker.record_success()
    assert breaker.state == "closed"
