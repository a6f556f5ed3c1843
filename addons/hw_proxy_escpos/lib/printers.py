"""Printer transports (python-escpos), status checks, circuit breaker and the per-printer worker."""

import logging
import threading
import time

from escpos import exceptions as escpos_exceptions
from escpos import printer as escpos_printer
from escpos.constants import RT_STATUS_ONLINE, RT_STATUS_PAPER

_logger = logging.getLogger(__name__)

CHUNK = 4096
ONLINE, OFFLINE, PAPER_OUT, CONNECTING = "online", "offline", "paper_out", "connecting"


class PrinterUnavailable(Exception):
    """Nothing was sent: the job may safely be retried later."""

    def __init__(self, state, message):
        super().__init__(message)
        self.state = state


def open_device(cfg):
    """An opened python-escpos device for the configuration (raises ``PrinterUnavailable``)."""
    try:
        if cfg.connection == "network":
            device = escpos_printer.Network(cfg.host, port=cfg.port, timeout=cfg.timeout)
        elif cfg.connection == "serial":
            device = escpos_printer.Serial(cfg.device, baudrate=cfg.baudrate, timeout=cfg.timeout)
        elif cfg.connection == "usb":
            device = escpos_printer.Usb(cfg.usb_vendor, cfg.usb_product, timeout=int(cfg.timeout * 1000))
        else:
            device = escpos_printer.File(cfg.device)
        device.open()
    except (escpos_exceptions.Error, OSError) as error:
        raise PrinterUnavailable(OFFLINE, f"printer {cfg.name} unreachable: {error}") from error
    return device


def _read_status(device, cfg, query):
    device._raw(query)
    if cfg.connection == "network":
        device.device.settimeout(cfg.status_timeout)
        try:
            answer = device.device.recv(1)
        finally:
            device.device.settimeout(cfg.timeout)
    else:
        answer = device._read()
    return answer[:1]


def check_status(device, cfg):
    """Ask the printer whether it is online and has paper; raise ``PrinterUnavailable`` if not."""
    if not cfg.status_query:
        return
    try:
        online = _read_status(device, cfg, RT_STATUS_ONLINE)
        paper = _read_status(device, cfg, RT_STATUS_PAPER)
    except (TimeoutError, OSError, escpos_exceptions.Error) as error:
        raise PrinterUnavailable(OFFLINE, f"printer {cfg.name} does not answer: {error}") from error
    if not online or not paper:
        raise PrinterUnavailable(OFFLINE, f"printer {cfg.name} does not answer status requests")
    if online[0] & 0x08:
        raise PrinterUnavailable(OFFLINE, f"printer {cfg.name} is offline (cover open or error)")
    if paper[0] & 0x60 == 0x60:
        raise PrinterUnavailable(PAPER_OUT, f"printer {cfg.name} is out of paper")


def close_device(device):
    try:
        device.close()
    except (OSError, escpos_exceptions.Error):
        _logger.debug("closing printer device failed", exc_info=True)


class CircuitBreaker:
    """Opens after ``threshold`` consecutive failures and stays open for an exponential back-off.

    While open no attempt is made, so an offline printer costs nothing; the HTTP side never waits
    for the printer anyway, the breaker keeps the worker from hammering a dead printer.
    """

    def __init__(self, threshold=2, base_s=1.0, max_s=30.0, clock=time.monotonic):
        self.threshold, self.base_s, self.max_s, self.clock = threshold, base_s, max_s, clock
        self.failures = 0
        self.opened_until = 0.0

    @property
    def state(self):
        if self.failures < self.threshold:
            return "closed"
        return "open" if self.clock() < self.opened_until else "half_open"

    def delay(self):
        return min(self.max_s, self.base_s * 2 ** max(0, self.failures - 1))

    def allow(self):
        return self.state != "open"

    def remaining(self):
        return max(0.0, self.opened_until - self.clock())

    def record_success(self):
        self.failures = 0
        self.opened_until = 0.0

    def record_failure(self):
        self.failures += 1
        if self.failures >= self.threshold:
            self.opened_until = self.clock() + self.delay()


class PrinterWorker(threading.Thread):
    """Sends the queued jobs of one printer, one at a time, in order of priority then arrival."""

    def __init__(self, cfg, print_queue, retry_base_s=1.0, retry_max_s=30.0, probe_interval_s=15.0):
        super().__init__(name=f"printer-{cfg.name}", daemon=True)
        self.cfg = cfg
        self.queue = print_queue
        self.breaker = CircuitBreaker(base_s=retry_base_s, max_s=retry_max_s)
        self.probe_interval_s = probe_interval_s
        self.state = CONNECTING
        self.message = ""
        self.last_seen = None
        self.probes = 0  # probes done, for whoever waits for the next one
        self._changed = threading.Condition()
        self._wake = threading.Event()
        self._stopping = threading.Event()

    def status(self):
        return {
            "state": self.state,
            "message": self.message,
            "breaker": self.breaker.state,
            "retry_in": round(self.breaker.remaining(), 1),
            "last_seen": self.last_seen,
            "queue": self.queue.counts(self.cfg.name),
        }

    def wait_until(self, predicate, timeout):
        """Block until ``predicate(self)`` holds after a state change or a probe; True if it did."""
        with self._changed:
            return self._changed.wait_for(lambda: predicate(self), timeout)

    def wake(self):
        self._wake.set()

    def stop(self):
        self._stopping.set()
        self._wake.set()

    def run(self):
        self.probe()
        while not self._stopping.is_set():
            if not self.breaker.allow():
                self._sleep(self.breaker.remaining())
                continue
            job = self.queue.next_job(self.cfg.name)
            if job is None:
                if not self._sleep(self.probe_interval_s):
                    self.probe()
                continue
            self.process(job)

    def _sleep(self, seconds):
        """Wait for work or a timeout; True if woken up."""
        woken = self._wake.wait(seconds)
        self._wake.clear()
        return woken

    def _set_state(self, state, message=""):
        if state != self.state:
            log = _logger.warning if state != ONLINE else _logger.info
            log("printer %s: %s %s", self.cfg.name, state, message)
        with self._changed:
            self.state, self.message = state, message
            if state == ONLINE:
                self.last_seen = time.time()
            self._changed.notify_all()

    def probe(self):
        """Refresh the printer's state while idle (what status_json reports)."""
        try:
            device = open_device(self.cfg)
            try:
                check_status(device, self.cfg)
            finally:
                close_device(device)
        except PrinterUnavailable as error:
            self._set_state(error.state, str(error))
        else:
            self._set_state(ONLINE)
        with self._changed:
            self.probes += 1
            self._changed.notify_all()

    def process(self, job):
        try:
            device = open_device(self.cfg)
        except PrinterUnavailable as error:
            return self._unavailable(job, error)
        try:
            try:
                check_status(device, self.cfg)
            except PrinterUnavailable as error:
                return self._unavailable(job, error)
            if not self.queue.claim(job["id"]):
                return None
            try:
                self._send(device, bytes(job["payload"]))
                check_status(device, self.cfg)  # a printer stalled mid-job stops answering
            except (PrinterUnavailable, OSError, escpos_exceptions.Error) as error:
                # state first: whoever sees the job interrupted also sees the printer offline
                self.breaker.record_failure()
                self._set_state(getattr(error, "state", OFFLINE), f"job {job['id']} interrupted: {error}")
                self.queue.mark_interrupted(job["id"], error)
                return None
            self.queue.mark_done(job["id"])
            self.breaker.record_success()
            self._set_state(ONLINE)
        finally:
            close_device(device)
        return None

    def _send(self, device, payload):
        for start in range(0, len(payload), CHUNK):
            device._raw(payload[start : start + CHUNK])

    def _unavailable(self, job, error):
        self.breaker.record_failure()
        self._set_state(error.state, str(error))
        self.queue.postpone(job["id"], error, self.breaker.delay())
