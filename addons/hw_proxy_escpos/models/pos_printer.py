from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PosPrinter(models.Model):
    _inherit = "pos.printer"

    printer_type = fields.Selection(
        selection_add=[("escpos_proxy", "ESC/POS proxy")],
        ondelete={"escpos_proxy": "set default"},
    )
    escpos_proxy_url = fields.Char(
        string="ESC/POS Proxy URL",
        help="Address of the ESC/POS proxy of the shop, e.g. https://192.168.1.20:8069 "
        "(use https when the POS itself is served over https).",
    )
    escpos_printer_name = fields.Char(
        string="Printer on the Proxy",
        help="Name of the printer in the proxy configuration ([printer:<name>]); empty for its default printer.",
    )

    @api.constrains("printer_type", "escpos_proxy_url")
    def _check_escpos_proxy_url(self):
        for printer in self:
            if printer.printer_type != "escpos_proxy":
                continue
            url = (printer.escpos_proxy_url or "").strip()
            if not url or " " in url or (("//" in url) and not url.startswith(("http://", "https://"))):
                raise ValidationError(
                    self.env._(
                        "Printer %(name)s: set a valid ESC/POS proxy URL (http:// or https://).", name=printer.name
                    )
                )

    @api.model
    def _load_pos_data_fields(self, config):
        return [*super()._load_pos_data_fields(config), "escpos_proxy_url", "escpos_printer_name"]
