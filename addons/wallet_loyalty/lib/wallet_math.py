"""Pure wallet / tier / aging arithmetic (no ORM), unit-tested without a database."""

import math

TIER_CODES = ("bronze", "silver", "gold", "platinum")


def round_money(amount, digits=2):
    return round(float(amount) + 0.0, digits)


def apply_movement(balance, amount, digits=2):
    """Return the new balance after a signed movement, or raise ValueError if it goes below zero."""
    new_balance = round_money(balance + amount, digits)
    if new_balance < 0:
        raise ValueError("insufficient balance")
    return new_balance


def validate_topup(amount, maximum):
    """Return an error key for a bad top-up amount, or None when it is acceptable."""
    if amount is None or amount != amount:  # NaN
        return "invalid"
    if amount <= 0:
        return "not_positive"
    if maximum and amount > maximum:
        return "too_large"
    return None


def pick_tier(spend, thresholds):
    """Return the code of the highest tier whose minimum spend is reached.

    :param thresholds: iterable of (code, min_spend); a spend equal to the minimum reaches the tier.
    """
    best, best_min = None, None
    for code, min_spend in thresholds:
        if spend >= min_spend and (best_min is None or min_spend > best_min):
            best, best_min = code, min_spend
    return best


def order_savings(lines):
    """Savings of an order: sum of (reference price - paid unit price) * qty, never negative per line.

    :param lines: iterable of (reference_price, paid_unit_price_incl, qty)
    """
    total = 0.0
    for reference, paid, qty in lines:
        if reference and qty > 0 and reference > paid:
            total += (reference - paid) * qty
    return round_money(total)


def fiado_exceeds(current_due, new_credit, limit):
    """True when the customer's debt after this sale would exceed a positive credit limit."""
    if not limit or limit <= 0 or new_credit <= 0:
        return False
    return round_money(current_due + new_credit) > round_money(limit)


def aging_bucket(days):
    """Aging bucket of a debt that is `days` old."""
    if days <= 30:
        return "0_30"
    if days <= 60:
        return "31_60"
    if days <= 90:
        return "61_90"
    return "90_plus"


def order_points(spend, rate, multiplier=1.0):
    """Whole loyalty points for a spend: floor(|spend| x rate x multiplier), negative for a refund."""
    if not spend or not rate or rate <= 0 or multiplier <= 0:
        return 0
    points = math.floor(round(abs(spend) * rate * multiplier, 6))
    return points if spend > 0 else -points
