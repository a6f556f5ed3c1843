import pytest

from odoo.addons.hw_proxy_escpos.lib import decoder


def test_decodes_init_raster_cut_drawer():
    raster = b"\x1dv0\x00\x02\x00\x03\x00" + b"\xff\x00" * 3
    data = b"\x1b@" + raster + b"\x1bd\x06" + b"\x1dVA\x03" + b"\x1bp\x00\x19\xfa" + b"\x1bp\x01\x19\xfa"
    commands = decoder.decode(data)
    assert [c.name for c in commands] == ["init", "raster", "feed", "cut", "drawer", "drawer"]
    assert commands[1].args == {"mode": 0, "width": 16, "height": 3, "ink": 24}
    assert commands[3].args["feed"] == 3
    assert [commands[4].args["pin"], commands[5].args["pin"]] == [2, 5]


def test_text_newlines_and_status_queries():
    commands = decoder.decode(b"Hola\n\x10\x04\x04\x1dV\x01")
    assert [c.name for c in commands] == ["text", "newline", "status_query", "cut"]
    assert commands[0].args["text"] == b"Hola"
    assert commands[2].args["n"] == 4
    assert commands[3].args["partial"]


def test_truncated_stream_is_reported():
    with pytest.raises(ValueError, match="truncated"):
        decoder.decode(b"\x1b@\x1dv0\x00\x10\x00\x10\x00\xff")


def test_decode_prefix_stops_before_incomplete_command():
    data = b"\x1b@\x10\x04\x01\x1dv0\x00\x01\x00\x02"
    commands, end = decoder.decode_prefix(data)
    assert [c.name for c in commands] == ["init", "status_query"]
    assert end == 5
