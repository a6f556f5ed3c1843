import json
import struct

import pytest

from odoo.addons.hw_proxy_escpos.lib import config
from odoo.addons.hw_proxy_escpos.lib.scanner import ScannerRelay, decode_key_events

INI = """
[proxy]
port = 8069
cors_origins = https://a.example https://b.example  ; two POS origins
certfile = /etc/ssl/box.pem
keyfile = /etc/ssl/box.key
default_printer = caja

[printer:caja]
host = 192.168.1.50
paper_mm = 58
drawer_pin = 5

[printer:barra]
connection = file
device = /dev/usb/lp0

[scanner]
source = serial
device = /dev/ttyACM0
"""


def test_ini_config(tmp_path):
    path = tmp_path / "proxy.ini"
    path.write_text(INI)
    cfg = config.load(path)
    assert cfg.cors_origins == ("https://a.example", "https://b.example")
    assert cfg.ssl_context == ("/etc/ssl/box.pem", "/etc/ssl/box.key")
    caja = cfg.printers["caja"]
    assert (caja.width_px, caja.profile, caja.drawer_pin, caja.port) == (384, "POS-5890", 5, 9100)
    assert cfg.printers["barra"].status_query is False
    assert cfg.scanner.source == "serial"


def test_json_config(tmp_path):
    path = tmp_path / "proxy.json"
    path.write_text(json.dumps({"printers": {"p": {"host": "10.0.0.9", "usb_vendor": "0x04b8"}}}))
    cfg = config.load(path)
    assert cfg.default_printer == "p"
    assert cfg.printers["p"].usb_vendor == 0x04B8


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "at least one printer"),
        ({"printers": {"p": {"connection": "network"}}}, "needs a host"),
        ({"printers": {"p": {"host": "h", "paper_mm": 76}}}, "58 or 80"),
        ({"printers": {"p": {"host": "h", "drawer_pin": 3}}}, "2 or 5"),
        ({"printers": {"p": {"host": "h", "colour": "red"}}}, "unknown option"),
        ({"printers": {"p": {"host": "h"}}, "proxy": {"certfile": "c"}}, "go together"),
        ({"printers": {"p": {"host": "h"}}, "proxy": {"default_printer": "q"}}, "not configured"),
    ],
)
def test_bad_configs_say_what_is_wrong(data, message):
    with pytest.raises(config.ConfigError, match=message):
        config.from_dict(data)


def _key(code, value):
    return struct.pack("llHHi", 0, 0, 1, code, value)


def test_keyboard_wedge_events_become_barcodes():
    digits = [4, 5, 6]  # 3 4 5
    raw = b"".join(_key(code, 1) + _key(code, 0) for code in digits) + _key(42, 1) + _key(30, 1) + _key(42, 0)
    codes, state = decode_key_events(raw)
    assert codes == []
    codes, _state = decode_key_events(_key(28, 1), state)
    assert codes == ["345A"]


def test_relay_returns_empty_after_timeout_then_codes_in_order():
    relay = ScannerRelay()
    assert relay.wait(0.01) == ""
    relay.push("111")
    relay.push("  ")
    relay.push("222")
    assert [relay.wait(0.01), relay.wait(0.01), relay.wait(0.01)] == ["111", "222", ""]
