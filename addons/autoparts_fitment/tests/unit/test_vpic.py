from odoo.addons.autoparts_fitment.lib import vpic


def test_breaker_opens_for_the_cooldown_per_url():
    now = [0.0]
    breaker = vpic.Breaker(clock=lambda: now[0])
    assert not breaker.is_open("http://a")
    breaker.trip("http://a", 30)
    assert breaker.is_open("http://a")
    assert not breaker.is_open("http://b"), "another endpoint is not affected"
    now[0] = 29.9
    assert breaker.is_open("http://a")
    now[0] = 30.0
    assert not breaker.is_open("http://a")


def test_breaker_reset_after_success():
    breaker = vpic.Breaker(clock=lambda: 0.0)
    breaker.trip("http://a", 30)
    breaker.reset("http://a")
    assert not breaker.is_open("http://a")


def test_parse_keeps_the_fields_used():
    payload = {"Results": [{"Make": "NISSAN", "Model": "Versa", "ModelYear": "2015", "DisplacementL": "1.6"}]}
    assert vpic.parse(payload) == {
        "make": "Nissan",
        "model": "Versa",
        "year": 2015,
        "displacement": 1.6,
        "error_code": "",
    }
