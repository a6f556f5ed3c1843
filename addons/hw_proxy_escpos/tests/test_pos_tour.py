import tempfile
from pathlib import Path

from odoo.addons.hw_proxy_escpos.lib import app as proxy_app
from odoo.addons.hw_proxy_escpos.lib import config as proxy_config
from odoo.addons.hw_proxy_escpos.lib import decoder
from odoo.addons.hw_proxy_escpos.lib.fake_printer import FakePrinter
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestHwProxyEscposTour(TestPointOfSaleHttpCommon):
    def setUp(self):
        super().setUp()
        self.printer = FakePrinter()
        self.addCleanup(self.printer.close)
        folder = Path(tempfile.mkdtemp(prefix="hw_proxy_escpos_"))
        cfg = proxy_config.from_dict(
            {
                "proxy": {"host": "127.0.0.1", "port": 0, "queue_path": str(folder / "queue.sqlite")},
                "printers": {"receipt": {"host": "127.0.0.1", "port": self.printer.port}},
            }
        )
        self.proxy = proxy_app.ProxyServer(cfg).start()
        self.addCleanup(self.proxy.stop)
        self.main_pos_config.write(
            {
                "is_posbox": True,
                "proxy_ip": f"http://127.0.0.1:{self.proxy.port}",
                "iface_print_via_proxy": True,
                "iface_cashdrawer": True,
                "escpos_proxy": True,
            }
        )

    def test_receipt_printed_through_the_proxy(self):
        self.start_pos_tour("HwProxyEscposReceiptTour")
        self.assertTrue(self.printer.wait_for_cuts(1, timeout=20), "the fake printer received no cut")
        names = [name for name in decoder.names(self.printer.data) if name != "status_query"]
        self.assertIn("raster", names)
        self.assertIn("cut", names)
        self.assertIn("drawer", names, "the cash payment opened the drawer through the proxy")
        raster = next(c for c in decoder.decode(self.printer.data) if c.name == "raster")
        self.assertEqual(raster.args["width"], 576)
        self.assertGreater(raster.args["ink"], 0)
        self.assertEqual(self.proxy.app.queue.counts(), {"done": 2})
