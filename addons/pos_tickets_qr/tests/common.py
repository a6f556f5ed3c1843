import json
import uuid

from odoo import fields
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


def paid_order_vals(session, lines, user_id, order_uuid=None):
    """``sync_from_ui`` data of a paid cash order: ``lines`` are ``(product, qty[, refunded line])``."""
    order_lines = []
    total = 0.0
    for product, qty, *refunded in lines:
        amount = product.list_price * qty
        total += amount
        vals = {
            "product_id": product.id,
            "qty": qty,
            "price_unit": product.list_price,
            "price_subtotal": amount,
            "price_subtotal_incl": amount,
            "tax_ids": [],
            "uuid": str(uuid.uuid4()),
        }
        if refunded:
            vals["refunded_orderline_id"] = refunded[0].id
        order_lines.append(fields.Command.create(vals))
    methods = session.config_id.payment_method_ids
    method = methods.filtered("is_cash_count")[:1] or methods[:1]
    order_uuid = order_uuid or str(uuid.uuid4())
    return {
        "amount_paid": total,
        "amount_return": 0,
        "amount_tax": 0,
        "amount_total": total,
        "date_order": fields.Datetime.to_string(fields.Datetime.now()),
        "pricelist_id": session.config_id.pricelist_id.id,
        "name": f"Order {order_uuid}",
        "lines": order_lines,
        "session_id": session.id,
        "payment_ids": [fields.Command.create({"amount": total, "payment_method_id": method.id})],
        "uuid": order_uuid,
        "user_id": user_id,
        "state": "paid",
        "last_order_preparation_change": "{}",
    }


class PosTicketsCommon(TestPointOfSaleHttpCommon):
    """A POS config selling drinks with QR tickets, and a helper to sell through sync_from_ui."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.categ_drinks = env["pos.category"].create({"name": "Drinks QR"})
        cls.categ_snacks = env["pos.category"].create({"name": "Snacks QR", "qr_ticket_skip": True})
        product_vals = {"available_in_pos": True, "taxes_id": [fields.Command.clear()], "type": "consu"}
        cls.beer = env["product.product"].create(
            {**product_vals, "name": "QR Beer", "list_price": 50, "pos_categ_ids": [(6, 0, cls.categ_drinks.ids)]}
        )
        cls.mojito = env["product.product"].create(
            {**product_vals, "name": "QR Mojito", "list_price": 100, "pos_categ_ids": [(6, 0, cls.categ_drinks.ids)]}
        )
        cls.chips = env["product.product"].create(
            {**product_vals, "name": "QR Chips", "list_price": 30, "pos_categ_ids": [(6, 0, cls.categ_snacks.ids)]}
        )
        cls.main_pos_config.write({"qr_ticket_enabled": True, "qr_ticket_prefix": "BAR", "qr_ticket_expiry": "session"})

    def _open_session(self, config=None):
        config = config or self.main_pos_config
        if not config.current_session_id:
            config.with_user(self.pos_user).open_ui()
        return config.current_session_id

    def _order_data(self, lines, session=None, order_uuid=None):
        return paid_order_vals(session or self._open_session(), lines, self.env.uid, order_uuid=order_uuid)

    def _sell(self, lines, **kwargs):
        data = self._order_data(lines, **kwargs)
        self.env["pos.order"].sync_from_ui([data])
        order = self.env["pos.order"].search([("uuid", "=", data["uuid"])])
        return order, data

    def _ticket(self, order):
        return self.env["pos.ticket"].search([("order_id", "=", order.id)])

    def _jsonrpc(self, url, params, opener=None):
        opener = opener or self.opener
        response = opener.post(
            self.base_url() + url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}),
            headers={"Content-Type": "application/json"},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()
