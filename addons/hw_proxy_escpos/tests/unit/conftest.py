import base64
import io
import time

import pytest
from PIL import Image, ImageDraw

from odoo.addons.hw_proxy_escpos.lib import config as config_mod
from odoo.addons.hw_proxy_escpos.lib.fake_printer import FakePrinter


def receipt_image(width=576, height=400, fmt="PNG"):
    """A deterministic receipt-like picture (bars and boxes, no fonts) as base64."""
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for row in range(20, height - 40, 24):
        draw.rectangle((16, row, 16 + (row * 7) % (width - 40), row + 10), fill="black")
    draw.rectangle((width // 3, height - 30, 2 * width // 3, height - 6), outline="black", width=3)
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return base64.b64encode(buffer.getvalue()).decode()


def _wait_until(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


@pytest.fixture
def wait_until():
    """Poll a predicate until it holds; its timeout is only reached by a real defect."""
    return _wait_until


@pytest.fixture
def fake_printer():
    with FakePrinter() as printer:
        yield printer


def make_config(tmp_path, printer_port, **proxy):
    values = {
        "host": "127.0.0.1",
        "port": 0,
        "queue_path": str(tmp_path / "queue.sqlite"),
        "retry_base_s": 0.05,
        "retry_max_s": 0.2,
        "probe_interval_s": 0.2,
    }
    values.update(proxy)
    return config_mod.from_dict(
        {
            "proxy": values,
            "printers": {"receipt": {"host": "127.0.0.1", "port": printer_port, "status_timeout": 0.3}},
            "scanner": {"allow_injection": True, "poll_timeout": 0.3},
        }
    )


@pytest.fixture
def make_image():
    return receipt_image


@pytest.fixture
def proxy_config(tmp_path):
    def factory(printer_port, **proxy):
        return make_config(tmp_path, printer_port, **proxy)

    return factory
