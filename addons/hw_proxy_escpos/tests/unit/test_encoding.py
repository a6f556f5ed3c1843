"""Receipts encoded with python-escpos's Dummy printer, compared to golden byte files."""

import base64
from pathlib import Path

import pytest

from odoo.addons.hw_proxy_escpos.lib import decoder, encoding

GOLDEN = Path(__file__).parent / "golden"


def _golden(name):
    return (GOLDEN / name).read_bytes()


@pytest.mark.parametrize(("paper_mm", "width"), [(80, 576), (58, 384)])
def test_receipt_matches_golden(make_image, paper_mm, width):
    data = encoding.receipt(make_image(), paper_mm)
    assert data == _golden(f"receipt_{paper_mm}mm.bin")
    commands = decoder.decode(data)
    assert [c.name for c in commands] == ["init", "raster", "feed", "cut"]
    raster = commands[1].args
    assert raster["width"] == width
    assert raster["height"] == round(400 * width / 576)
    assert raster["ink"] > 0


def test_jpeg_receipt_from_the_pos_is_rasterised(make_image):
    data = encoding.receipt(make_image(fmt="JPEG"), 80)
    assert decoder.names(data) == ["init", "raster", "feed", "cut"]


def test_long_receipt_is_split_in_raster_fragments(make_image):
    data = encoding.receipt(make_image(height=2000), 80)
    rasters = [c.args["height"] for c in decoder.decode(data) if c.name == "raster"]
    assert rasters == [960, 960, 80]


@pytest.mark.parametrize("pin", [2, 5])
def test_cashbox_matches_golden(pin):
    data = encoding.cashbox(pin)
    assert data == _golden(f"cashbox_pin{pin}.bin")
    (command,) = decoder.decode(data)
    assert command.name == "drawer"
    assert command.args["pin"] == pin


def test_cashbox_rejects_other_pins():
    with pytest.raises(encoding.EncodingError):
        encoding.cashbox(3)


def test_qr_ticket_native_when_profile_supports_it():
    data = encoding.text_ticket(["Barra Demo", "Cover $150.00"], qr="https://bar.example/t/42", paper_mm=80)
    assert data == _golden("qr_ticket_80mm_native.bin")
    commands = decoder.decode(data)
    stored = [c for c in commands if c.name == "qr_store"]
    assert stored[0].args["data"] == b"https://bar.example/t/42"
    assert "qr_print" in decoder.names(data)
    assert "raster" not in decoder.names(data)
    assert decoder.names(data)[-1] == "cut"


def test_qr_ticket_as_image_when_profile_lacks_qr():
    data = encoding.text_ticket(["Barra"], qr="T-42", paper_mm=58)
    assert data == _golden("qr_ticket_58mm_image.bin")
    names = decoder.names(data)
    assert "raster" in names
    assert "qr_store" not in names
    # the 58 mm profile declares no cutter, the receipt is still cut
    assert names[-1] == "cut"


@pytest.mark.parametrize("bad", [None, "", "not base64!!", base64.b64encode(b"hello").decode(), "huge"])
def test_invalid_images_are_refused(make_image, bad):
    if bad == "huge":
        bad = make_image(width=576, height=30000)
    with pytest.raises(encoding.EncodingError):
        encoding.receipt(bad, 80)


@pytest.mark.parametrize(
    ("lines", "qr"),
    [("text", None), ([1, 2], None), (["ok"], ""), (["ok"], "x" * 3000)],
    ids=["str", "ints", "empty", "long"],
)
def test_invalid_tickets_are_refused(lines, qr):
    with pytest.raises(encoding.EncodingError):
        encoding.text_ticket(lines, qr=qr)
