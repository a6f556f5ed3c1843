import pytest

from odoo.addons.wallet_loyalty.lib import wallet_math as wm


def test_apply_movement_arithmetic():
    assert wm.apply_movement(0, 100) == 100
    assert wm.apply_movement(100, -30.5) == 69.5
    assert wm.apply_movement(0.1, 0.2) == 0.3
    assert wm.apply_movement(50, -50) == 0


def test_apply_movement_refuses_negative():
    with pytest.raises(ValueError):
        wm.apply_movement(10, -10.01)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(-1, "not_positive"), (0, "not_positive"), (float("nan"), "invalid"), (10**7, "too_large"), (500, None)],
)
def test_validate_topup(amount, expected):
    assert wm.validate_topup(amount, 50000) == expected


def test_pick_tier_boundaries():
    thresholds = [("bronze", 0), ("silver", 5000), ("gold", 20000), ("platinum", 50000)]
    assert wm.pick_tier(0, thresholds) == "bronze"
    assert wm.pick_tier(4999.99, thresholds) == "bronze"
    assert wm.pick_tier(5000, thresholds) == "silver"
    assert wm.pick_tier(49999.99, thresholds) == "gold"
    assert wm.pick_tier(50000, thresholds) == "platinum"
    assert wm.pick_tier(-1, thresholds) is None


def test_order_savings():
    assert wm.order_savings([(120, 100, 2), (50, 60, 1), (0, 10, 1), (30, 20, -1)]) == 40


def test_fiado_exceeds():
    assert not wm.fiado_exceeds(0, 1000, 1000)
    assert wm.fiado_exceeds(0, 1000.01, 1000)
    assert wm.fiado_exceeds(900, 200, 1000)
    assert not wm.fiado_exceeds(10**6, 10, 0)


def test_aging_bucket():
    assert [wm.aging_bucket(d) for d in (0, 30, 31, 61, 91)] == ["0_30", "0_30", "31_60", "61_90", "90_plus"]


def test_order_points():
    assert wm.order_points(500, 0.1) == 50
    assert wm.order_points(99.99, 0.1) == 9
    assert wm.order_points(100, 0.1, 1.5) == 15
    assert wm.order_points(-100, 0.1, 2) == -20
    assert wm.order_points(100, 0) == 0
    assert wm.order_points(0.3 * 3, 10) == 9, "no float drift below a whole point"
