from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_wallet_topup = fields.Boolean(
        string="Wallet top-up", help="Selling this product at the POS credits the customer's wallet."
    )
    reference_price = fields.Float(
        string="Reference retail price",
        digits="Product Price",
        help="Usual retail price (taxes included); the difference with the price paid is the customer's saving.",
    )

    @api.model
    def _load_pos_data_fields(self, config):
        return [*super()._load_pos_data_fields(config), "is_wallet_topup", "reference_price"]
