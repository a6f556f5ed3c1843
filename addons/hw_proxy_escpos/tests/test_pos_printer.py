from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPosPrinter(TransactionCase):
    def test_escpos_proxy_printer_needs_a_url(self):
        with self.assertRaises(ValidationError):
            self.env["pos.printer"].create({"name": "Barra", "printer_type": "escpos_proxy"})
        with self.assertRaises(ValidationError):
            self.env["pos.printer"].create(
                {"name": "Barra", "printer_type": "escpos_proxy", "escpos_proxy_url": "ftp://box:8069"}
            )
        printer = self.env["pos.printer"].create(
            {
                "name": "Barra",
                "printer_type": "escpos_proxy",
                "escpos_proxy_url": "https://192.168.1.20:8069",
                "escpos_printer_name": "bar",
            }
        )
        self.assertEqual(printer.printer_type, "escpos_proxy")

    def test_proxy_fields_are_loaded_in_the_pos(self):
        config = self.env["pos.config"].search([], limit=1)
        fields = self.env["pos.printer"]._load_pos_data_fields(config)
        self.assertIn("escpos_proxy_url", fields)
        self.assertIn("escpos_printer_name", fields)
        self.assertIn("escpos_proxy", self.env["pos.config"]._fields)
