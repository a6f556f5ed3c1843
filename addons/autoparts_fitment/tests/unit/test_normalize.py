import pytest

from odoo.addons.autoparts_fitment.lib.normalize import normalize_part_number, normalize_plate


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("abc-123-a", "ABC123A"), ("ABC 123 A", "ABC123A"), (" abc.123.a ", "ABC123A"), ("", ""), (None, "")],
)
def test_plate(typed, expected):
    assert normalize_plate(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("bp-1234 a", "BP1234A"), ("06A 115 561 B", "06A115561B"), ("ph3593a", "PH3593A"), ("--", "")],
)
def test_part_number(typed, expected):
    assert normalize_part_number(typed) == expected
