"""When is a maintenance due? Pure rules (no ORM), shared by the model, the cron and the tests.

Semantics (documented in the README and tested on both sides of each boundary):
- next due km   = last service km + interval km;   next due date = last service date + interval months.
- ``due``       : the odometer has REACHED the next km (odometer >= next km, so exactly 5,000 km after the last
                  service is due) or today is on/after the next date.
- ``overdue``   : more than the alert margin past it (odometer > next km + alert km, or today > next date +
                  alert days).
- ``soon``      : not due yet but within the alert margin (next km - odometer <= alert km, or next date -
                  today <= alert days).
- ``ok``        : otherwise. Whichever criterion (km or date) comes first wins.
"""

import calendar
from datetime import date, timedelta

STATE_ORDER = ("ok", "soon", "due", "overdue")


def add_months(day, months):
    """``day`` + ``months`` calendar months, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(last_km, last_date, interval_km, interval_months):
    """(next km or None, next date or None) for a plan with those intervals (0 = criterion not used)."""
    next_km = (last_km or 0.0) + interval_km if interval_km else None
    next_date = add_months(last_date, interval_months) if interval_months and last_date else None
    return next_km, next_date


def km_state(odometer, next_km, alert_km):
    if next_km is None or next_km is False:
        return "ok"
    if odometer > next_km + alert_km:
        return "overdue"
    if odometer >= next_km:
        return "due"
    return "soon" if next_km - odometer <= alert_km else "ok"


def date_state(today, next_date, alert_days):
    if not next_date:  # None, or False as an empty Odoo date field gives it
        return "ok"
    if today > next_date + timedelta(days=alert_days):
        return "overdue"
    if today >= next_date:
        return "due"
    return "soon" if (next_date - today).days <= alert_days else "ok"


def due_state(odometer, today, next_km, next_date, alert_km, alert_days):
    """The most urgent of the km state and the date state."""
    states = (km_state(odometer or 0.0, next_km, alert_km), date_state(today, next_date, alert_days))
    return max(states, key=STATE_ORDER.index)
