from datetime import date

from odoo.addons.fleet_maintenance.lib.due import add_months, due_state, km_state, next_due

TODAY = date(2026, 6, 15)


def test_next_due_adds_intervals():
    assert next_due(10000, date(2026, 1, 31), 5000, 6) == (15000, date(2026, 7, 31))
    assert next_due(0, None, 5000, 0) == (5000, None)
    assert next_due(10000, date(2026, 1, 1), 0, 12) == (None, date(2027, 1, 1))


def test_add_months_clamps_to_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_km_boundaries():
    # next service at 15,000 km, alert 500 km before / overdue 500 km after
    assert km_state(14499, 15000, 500) == "ok"
    assert km_state(14500, 15000, 500) == "soon"
    assert km_state(14999, 15000, 500) == "soon"
    assert km_state(15000, 15000, 500) == "due"  # exactly at N km: due
    assert km_state(15500, 15000, 500) == "due"
    assert km_state(15501, 15000, 500) == "overdue"


def test_date_boundaries():
    next_date = date(2026, 6, 15)
    assert due_state(0, date(2026, 5, 30), None, next_date, 500, 15) == "ok"
    assert due_state(0, date(2026, 5, 31), None, next_date, 500, 15) == "soon"
    assert due_state(0, date(2026, 6, 14), None, next_date, 500, 15) == "soon"
    assert due_state(0, date(2026, 6, 15), None, next_date, 500, 15) == "due"  # on the date: due
    assert due_state(0, date(2026, 6, 30), None, next_date, 500, 15) == "due"
    assert due_state(0, date(2026, 7, 1), None, next_date, 500, 15) == "overdue"


def test_most_urgent_criterion_wins():
    assert due_state(15000, TODAY, 15000, date(2027, 1, 1), 500, 15) == "due"
    assert due_state(1000, TODAY, 15000, date(2026, 6, 1), 500, 15) == "due"
    assert due_state(1000, TODAY, None, None, 500, 15) == "ok"


def test_unused_criterion_is_ok_even_as_odoo_false():
    # an empty Odoo Date field reads False, not None: a km-only plan must not crash on the date side
    assert due_state(5200, TODAY, 5000, False, 500, 15) == "due"
    assert due_state(0, TODAY, None, date(2026, 6, 15), 500, 15) == "due"
