"""Turn POS requests into ESC/POS bytes with python-escpos's ``Dummy`` printer.

Encoding happens when a job is accepted, so a bad image is refused at once (the POS sees the
error) and the queue only ever stores bytes that are ready to send.
"""

import base64
import binascii
import io

from escpos.constants import HW_INIT, PAPER_FULL_CUT
from escpos.printer import Dummy
from PIL import Image, UnidentifiedImageError

PAPER_PIXELS = {58: 384, 80: 576}
MAX_IMAGE_HEIGHT = 20000  # px; a very long receipt is ~4000 px at 576 wide
DEFAULT_PROFILES = {58: "POS-5890", 80: "TM-T20II"}


class EncodingError(ValueError):
    """The request cannot be turned into printer bytes (bad image, bad text...)."""


def _dummy(profile, width_px):
    printer = Dummy(profile=profile)
    # the paper width of the configuration wins over the profile's (mm and px vary by model)
    printer.profile.profile_data.setdefault("media", {})["width"] = {"mm": "Unknown", "pixels": width_px}
    return printer


def _cut(printer, cutter):
    if not cutter:
        return
    if printer.profile.supports("paperFullCut") or printer.profile.supports("paperPartCut"):
        printer.cut()
    else:  # cheap 58 mm printers often cut though their profile does not say so
        printer.print_and_feed(6)
        printer._raw(PAPER_FULL_CUT)


def load_receipt_image(receipt_b64, width_px):
    """Decode the POS's JPEG (base64) into a 1-bit image exactly ``width_px`` wide."""
    if not isinstance(receipt_b64, str) or not receipt_b64:
        raise EncodingError("The receipt image is missing.")
    try:
        raw = base64.b64decode(receipt_b64, validate=True)
        image = Image.open(io.BytesIO(raw))
        image.load()
    except (binascii.Error, ValueError, UnidentifiedImageError, OSError) as error:
        raise EncodingError("The receipt is not a valid JPEG or PNG image.") from error
    if image.height > MAX_IMAGE_HEIGHT or image.width > 4 * width_px:
        raise EncodingError(f"The receipt image is too large ({image.width}x{image.height} px).")
    image = image.convert("L")
    if image.width != width_px:
        height = max(1, round(image.height * width_px / image.width))
        image = image.resize((width_px, height), Image.Resampling.LANCZOS)
    # a fixed threshold keeps text crisp on thermal paper (dithering blurs small fonts)
    return image.point(lambda value: 0 if value < 160 else 255, mode="1")


def receipt(receipt_b64, paper_mm=80, profile=None, cutter=True, width_px=None):
    """ESC/POS bytes for an image receipt: init, ``GS v 0`` raster fragments, feed and cut."""
    width_px = width_px or PAPER_PIXELS[paper_mm]
    image = load_receipt_image(receipt_b64, width_px)
    printer = _dummy(profile or DEFAULT_PROFILES[paper_mm], width_px)
    printer._raw(HW_INIT)
    printer.image(image, impl="bitImageRaster", fragment_height=960)
    _cut(printer, cutter)
    return printer.output


def cashbox(pin=2, profile="default"):
    """ESC/POS bytes kicking the cash drawer on connector pin 2 or 5."""
    if pin not in (2, 5):
        raise EncodingError(f"The cash drawer pin must be 2 or 5, not {pin!r}.")
    printer = Dummy(profile=profile)
    printer.cashdraw(pin)
    return printer.output


def text_ticket(lines, qr=None, paper_mm=80, profile=None, cutter=True, width_px=None):
    """ESC/POS bytes for a text ticket with an optional QR code.

    The QR is rendered by the printer (``native=True``) when its profile supports it, otherwise as a
    raster image, so every printer prints it.
    """
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        raise EncodingError("The ticket lines must be a list of strings.")
    if qr is not None and (not isinstance(qr, str) or not qr or len(qr) > 2000):
        raise EncodingError("The QR content must be a non-empty string of at most 2000 characters.")
    width_px = width_px or PAPER_PIXELS[paper_mm]
    printer = _dummy(profile or DEFAULT_PROFILES[paper_mm], width_px)
    printer._raw(HW_INIT)
    for line in lines:
        printer.textln(line)
    if qr:
        native = printer.profile.supports("qrCode")
        printer.set(align="center")
        printer.qr(qr, size=6, native=native, impl="bitImageRaster")
        printer.set(align="left")
    _cut(printer, cutter)
    return printer.output
