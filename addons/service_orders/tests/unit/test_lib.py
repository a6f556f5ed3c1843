from odoo.addons.service_orders.lib.stage_machine import skipped_required_stages
from odoo.addons.service_orders.lib.whatsapp import click_to_chat_url, e164_digits

# (id, sequence, required): received, diagnosis, waiting_parts, repair, qc, ready, delivered
STAGES = [(1, 10, True), (2, 20, True), (3, 30, False), (4, 40, True), (5, 50, True), (6, 60, True), (7, 70, False)]


def test_next_stage_skips_nothing():
    assert skipped_required_stages(STAGES, 1, 2, {1}) == []


def test_optional_stage_can_be_skipped():
    assert skipped_required_stages(STAGES, 2, 4, {1, 2}) == []


def test_jump_over_required_stages_is_reported():
    assert skipped_required_stages(STAGES, 1, 6, {1}) == [2, 4, 5]


def test_visited_required_stage_is_not_skipped():
    assert skipped_required_stages(STAGES, 3, 5, {1, 2, 4}) == []


def test_backwards_skips_nothing():
    assert skipped_required_stages(STAGES, 5, 2, {1, 2, 4, 5}) == []


def test_e164_mexican_numbers():
    assert e164_digits("55 1234 5678") == "525512345678"
    assert e164_digits("+52 1 55 1234 5678") == "525512345678"
    assert e164_digits("+56 9 8765 4321") == "56987654321"
    assert e164_digits("123") == ""
    assert e164_digits(False) == ""


def test_click_to_chat_url_encodes_message():
    url = click_to_chat_url("5512345678", "Su vehículo está listo & limpio")
    assert url == "https://wa.me/525512345678?text=Su%20veh%C3%ADculo%20est%C3%A1%20listo%20%26%20limpio"
    assert click_to_chat_url("", "x") == ""
