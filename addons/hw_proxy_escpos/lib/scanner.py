"""Barcode scanner relay: scans from a serial or keyboard-wedge (evdev) scanner wait for the POS.

The POS long-polls ``/hw_proxy/scanner``: each call returns the next barcode, or an empty string
after ``poll_timeout`` seconds so the POS simply asks again.
"""

import collections
import logging
import struct
import threading
import time

_logger = logging.getLogger(__name__)

# Linux input_event: struct timeval (2 longs), __u16 type, __u16 code, __s32 value
_EVENT = struct.Struct("llHHi")
_EV_KEY, _KEY_DOWN = 1, 1
_KEY_ENTER, _KEY_KPENTER, _SHIFTS = 28, 96, (42, 54)
_KEYS = {
    2: "1", 3: "2", 4: "3", 5: "4", 6: "5", 7: "6", 8: "7", 9: "8", 10: "9", 11: "0", 12: "-", 13: "=",
    16: "q", 17: "w", 18: "e", 19: "r", 20: "t", 21: "y", 22: "u", 23: "i", 24: "o", 25: "p",
    30: "a", 31: "s", 32: "d", 33: "f", 34: "g", 35: "h", 36: "j", 37: "k", 38: "l",
    44: "z", 45: "x", 46: "c", 47: "v", 48: "b", 49: "n", 50: "m", 51: ",", 52: ".", 53: "/", 57: " ",
}  # fmt: skip
_SHIFTED = {"-": "_", "=": "+", ",": "<", ".": ">", "/": "?", "1": "!", "7": "/", "0": "="}


class ScannerRelay:
    def __init__(self, maxlen=50):
        self._codes = collections.deque(maxlen=maxlen)
        self._ready = threading.Condition()
        self.last_scan = None

    def push(self, barcode):
        barcode = (barcode or "").strip()
        if not barcode:
            return
        with self._ready:
            self._codes.append(barcode)
            self.last_scan = time.time()
            self._ready.notify()

    def wait(self, timeout):
        """The next barcode, or "" when none came within ``timeout`` seconds."""
        with self._ready:
            if self._ready.wait_for(lambda: self._codes, timeout):
                return self._codes.popleft()
        return ""


def decode_key_events(raw, state=None):
    """Turn evdev key events into barcodes; ``state`` carries a partial code between calls."""
    state = state if state is not None else {"chars": [], "shift": False}
    codes = []
    for offset in range(0, len(raw) - _EVENT.size + 1, _EVENT.size):
        _sec, _usec, kind, code, value = _EVENT.unpack_from(raw, offset)
        if kind != _EV_KEY:
            continue
        if code in _SHIFTS:
            state["shift"] = value != 0
        elif value == _KEY_DOWN and code in (_KEY_ENTER, _KEY_KPENTER):
            codes.append("".join(state["chars"]))
            state["chars"] = []
        elif value == _KEY_DOWN and code in _KEYS:
            char = _KEYS[code]
            if state["shift"]:
                char = _SHIFTED.get(char, char.upper())
            state["chars"].append(char)
    return codes, state


def _run_evdev(device, relay):
    state = None
    with open(device, "rb", buffering=0) as stream:
        while True:
            raw = stream.read(_EVENT.size * 64)
            if not raw:
                return
            codes, state = decode_key_events(raw, state)
            for code in codes:
                relay.push(code)


def _run_serial(device, baudrate, relay):
    import serial

    with serial.Serial(device, baudrate=baudrate, timeout=1) as port:
        while True:
            line = port.readline()
            if line:
                relay.push(line.decode("ascii", "ignore"))


def start_source(cfg, relay):
    """Start the configured scanner source in a daemon thread that reconnects after errors."""
    if cfg.source == "none":
        return None

    def loop():
        while True:
            try:
                if cfg.source == "evdev":
                    _run_evdev(cfg.device, relay)
                else:
                    _run_serial(cfg.device, cfg.baudrate, relay)
            except OSError as error:
                _logger.warning("scanner %s unavailable: %s", cfg.device, error)
            time.sleep(2)

    thread = threading.Thread(target=loop, name="scanner", daemon=True)
    thread.start()
    return thread
