from datetime import date

from odoo.addons.warranty_rma.lib import coverage


def test_end_date_adds_months():
    assert coverage.end_date(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert coverage.end_date(date(2026, 1, 15), 24) == date(2028, 1, 15)


def test_end_date_without_months_is_open():
    assert coverage.end_date(date(2026, 1, 15), 0) is None


def test_km_limit():
    assert coverage.km_limit(50000, 20000) == 70000
    assert coverage.km_limit(0, 0) == 0


def test_refusal_boundaries_are_inclusive():
    end = date(2026, 6, 30)
    assert coverage.refusal(date(2026, 6, 30), end, 70000, 70000) is None
    assert coverage.refusal(date(2026, 7, 1), end, 1000, 70000) == "date"
    assert coverage.refusal(date(2026, 6, 1), end, 70001, 70000) == "km"


def test_refusal_without_limits():
    assert coverage.refusal(date(2030, 1, 1), None, 999999, 0) is None
