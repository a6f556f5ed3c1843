"""A CSD is checked before a company stores it: password, key of that certificate, CSD (not FIEL), RFC, validity."""

import datetime

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from odoo.addons.mx_cfdi.lib import csd
from odoo.addons.mx_cfdi.tests.unit.conftest import CSD_DIR

CER = (CSD_DIR / "EKU9003173C9.cer").read_bytes()
KEY = (CSD_DIR / "EKU9003173C9.key").read_bytes()
PASSWORD = "12345678a"
BEFORE_EXPIRY = datetime.datetime(2026, 11, 20, tzinfo=datetime.UTC)


def other_key():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PASSWORD.encode()),
    )


def test_good_csd():
    signer = csd.check(CER, KEY, PASSWORD, "EKU9003173C9", now=BEFORE_EXPIRY)
    assert signer.rfc == "EKU9003173C9"


@pytest.mark.parametrize(
    ("cer", "key", "password", "rfc", "now", "code"),
    [
        (b"not a certificate", KEY, PASSWORD, "EKU9003173C9", BEFORE_EXPIRY, "certificate"),
        (CER, KEY, "wrong", "EKU9003173C9", BEFORE_EXPIRY, "password"),
        (CER, KEY, "", "EKU9003173C9", BEFORE_EXPIRY, "password"),
        (CER, b"not a key", PASSWORD, "EKU9003173C9", BEFORE_EXPIRY, "password"),
        (CER, other_key(), PASSWORD, "EKU9003173C9", BEFORE_EXPIRY, "mismatch"),
        (CER, KEY, PASSWORD, "URE180429TM6", BEFORE_EXPIRY, "rfc"),
        (CER, KEY, PASSWORD, "", BEFORE_EXPIRY, "rfc"),
        (CER, KEY, PASSWORD, "EKU9003173C9", datetime.datetime(2027, 6, 1, tzinfo=datetime.UTC), "expired"),
    ],
)
def test_refused(cer, key, password, rfc, now, code):
    with pytest.raises(csd.CsdError) as exc:
        csd.check(cer, key, password, rfc, now=now)
    assert exc.value.code == code
