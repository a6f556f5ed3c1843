"""Checks a CSD (SAT's sealing certificate, its private key and password) before a company stores it."""

import datetime

from OpenSSL import crypto
from satcfdi.exceptions import CFDIError
from satcfdi.models.certificate import CertificateType

from . import rfc as rfc_lib
from .builder import load_signer


class CsdError(ValueError):
    """``code``: certificate | password | mismatch | not_csd | rfc | expired."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def check(cer, key, password, company_rfc, now=None):
    """The signer of a CSD that can seal the company's CFDI now; raises CsdError otherwise."""
    try:
        signer = load_signer(cer, key, password or "")
    except crypto.Error as exc:  # not a DER certificate
        raise CsdError("certificate") from exc
    except CFDIError as exc:  # the key opened, but it belongs to another certificate
        raise CsdError("mismatch") from exc
    except (TypeError, ValueError) as exc:  # wrong password, or not a private key at all
        raise CsdError("password") from exc
    if signer.type != CertificateType.CSD:  # e.g. the e.firma (FIEL), which cannot seal CFDI
        raise CsdError("not_csd")
    if str(signer.rfc or "") != rfc_lib.compact(company_rfc):
        raise CsdError("rfc")
    if signer.certificate.to_cryptography().not_valid_after_utc <= (now or datetime.datetime.now(datetime.UTC)):
        raise CsdError("expired")
    return signer
