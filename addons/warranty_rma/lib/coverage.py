"""Pure warranty coverage rules (no ORM): end dates, km limits and the reason a claim is refused."""

from datetime import date

from dateutil.relativedelta import relativedelta


def end_date(start: date, months: int) -> date | None:
    """Last covered day: ``months`` after ``start`` (None when the term has no time limit)."""
    if not months:
        return None
    return start + relativedelta(months=months)


def km_limit(start_odometer: float, km: int) -> float:
    """Odometer reading up to which the part is covered (0 = no km limit)."""
    if not km:
        return 0.0
    return (start_odometer or 0.0) + km


def refusal(claim_date: date, warranty_end: date | None, odometer: float, limit_km: float) -> str | None:
    """Why a claim is out of warranty: 'date', 'km' or None when covered.

    Both limits are inclusive: a claim on the last day, or at exactly the km limit, is covered.
    """
    if warranty_end and claim_date > warranty_end:
        return "date"
    if limit_km and odometer and odometer > limit_km:
        return "km"
    return None
