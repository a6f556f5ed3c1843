"""Pure-Python format, signature and verification of QR ticket payloads (no ORM).

A payload is ``PTQ1.<company_id>.<token>.<signature>``:

- ``PTQ1`` the format version,
- ``company_id`` the venue (company) that issued the ticket, so another venue's QR is
  refused even before the database lookup,
- ``token`` an unguessable random value (128 bits, base64url) that identifies the ticket,
- ``signature`` HMAC-SHA256 of the first three parts with the database secret, truncated
  to 128 bits (base64url). Without the secret nobody can forge or alter a QR.
"""

import base64
import hashlib
import hmac
import re
import secrets

VERSION = "PTQ1"
TOKEN_BYTES = 16
SIG_BYTES = 16
MAX_PAYLOAD_LENGTH = 128

_B64 = r"[A-Za-z0-9_-]"
_PAYLOAD_RE = re.compile(
    rf"^{VERSION}\.(?P<company>[1-9][0-9]{{0,9}})\.(?P<token>{_B64}{{22}})\.(?P<sig>{_B64}{{22}})$"
)


class PayloadError(ValueError):
    """The payload cannot be trusted. ``reason`` is a stable machine code."""

    def __init__(self, reason, message):
        super().__init__(message)
        self.reason = reason


def _b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def new_token():
    """A fresh unguessable ticket token."""
    return _b64(secrets.token_bytes(TOKEN_BYTES))


def new_secret():
    """A fresh per-database signing secret (hex, 256 bits)."""
    return secrets.token_hex(32)


def _signature(secret, company_id, token):
    if not secret:
        raise ValueError("an empty secret cannot sign tickets")
    message = f"{VERSION}.{company_id}.{token}".encode("ascii")
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()
    return _b64(digest[:SIG_BYTES])


def sign(secret, company_id, token):
    """Build the signed payload printed in the QR."""
    if not isinstance(company_id, int) or company_id <= 0:
        raise ValueError("company_id must be a positive integer")
    if not re.fullmatch(f"{_B64}{{22}}", token or ""):
        raise ValueError("token must be 22 base64url characters")
    return f"{VERSION}.{company_id}.{token}.{_signature(secret, company_id, token)}"


def parse(payload):
    """Split a payload without checking its signature. Returns ``(company_id, token, sig)``."""
    if not isinstance(payload, str):
        raise PayloadError("malformed", "the QR payload is not text")
    payload = payload.strip()
    if not payload or len(payload) > MAX_PAYLOAD_LENGTH:
        raise PayloadError("malformed", "the QR payload is empty or too long")
    match = _PAYLOAD_RE.match(payload)
    if not match:
        raise PayloadError("malformed", "the QR payload is not a ticket of this system")
    return int(match["company"]), match["token"], match["sig"]


def verify(secret, payload):
    """Check format and signature; return ``(company_id, token)`` or raise PayloadError."""
    company_id, token, sig = parse(payload)
    expected = _signature(secret, company_id, token)
    if not hmac.compare_digest(expected, sig):
        raise PayloadError("forged", "the QR signature does not match")
    return company_id, token
