import pytest

from odoo.addons.mx_cfdi.lib import rfc


@pytest.mark.parametrize("value", ["EKU9003173C9", "XAXX010101000", "XEXX010101000", "eku900317-3c9"])
def test_valid(value):
    assert rfc.is_valid(value)


@pytest.mark.parametrize("value", ["EKU9003173C8", "ABC", "", "EKU9013173C9"])
def test_invalid(value):
    assert not rfc.is_valid(value)


def test_generic():
    assert rfc.is_generic("XAXX010101000")
    assert not rfc.is_generic("EKU9003173C9")


def test_certificate_info():
    from odoo.addons.mx_cfdi.lib import builder
    from odoo.addons.mx_cfdi.tests.unit.conftest import CSD_DIR

    number, expiry = builder.certificate_info((CSD_DIR / "EKU9003173C9.cer").read_bytes())
    assert number == "30001000000500003416"
    assert (expiry.year, expiry.month) == (2027, 5)
    assert builder.certificate_info(b"garbage") is None
