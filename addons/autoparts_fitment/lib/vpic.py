"""Minimal client of NHTSA vPIC `DecodeVinValues` (JSON). No ORM: caching is the model's job."""

import threading
import time

import requests

DEFAULT_BASE_URL = "https://vpic.nhtsa.dot.gov"


class VpicError(Exception):
    """vPIC could not answer (timeout, HTTP error, unexpected payload)."""


def parse(payload):
    """The fields we use from a DecodeVinValues answer: make, model, year, displacement, error_code."""
    try:
        result = payload["Results"][0]
    except (KeyError, IndexError, TypeError):
        raise VpicError("unexpected vPIC payload") from None
    year = (result.get("ModelYear") or "").strip()
    displacement = (result.get("DisplacementL") or "").strip()
    try:
        displacement = round(float(displacement), 1) if displacement else False
    except ValueError:
        displacement = False
    return {
        "make": (result.get("Make") or "").strip().title(),
        "model": (result.get("Model") or "").strip(),
        "year": int(year) if year.isdigit() else False,
        "displacement": displacement,
        "error_code": (result.get("ErrorCode") or "").strip(),
    }


def decode(vin, base_url=DEFAULT_BASE_URL, timeout=1.5):
    """Ask vPIC about a VIN; raise VpicError on any failure (the caller falls back to offline)."""
    url = f"{base_url.rstrip('/')}/api/vehicles/DecodeVinValues/{vin}"
    try:
        response = requests.get(url, params={"format": "json"}, timeout=timeout)
        response.raise_for_status()
        payload = response.json()
    except (requests.RequestException, ValueError) as error:
        raise VpicError(str(error)) from error
    return parse(payload)


class Breaker:
    """After a failure, vPIC is not asked again for `cooldown` seconds (per base URL, per process).

    While vPIC is slow or down, only the first VIN after each cooldown pays the timeout; every other
    VIN typed at a counter meanwhile is decoded offline at once.
    """

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._open_until = {}
        self._lock = threading.Lock()

    def is_open(self, base_url):
        return self._clock() < self._open_until.get(base_url, float("-inf"))

    def trip(self, base_url, cooldown):
        with self._lock:
            self._open_until[base_url] = self._clock() + cooldown

    def reset(self, base_url):
        with self._lock:
            self._open_until.pop(base_url, None)


BREAKER = Breaker()
