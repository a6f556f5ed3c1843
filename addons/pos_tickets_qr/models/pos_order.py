from odoo import fields, models


class PosOrder(models.Model):
    _inherit = "pos.order"

    # Plain copies of the ticket's public data: the POS loads every pos.order field,
    # these are what the receipt needs to print the QR and the hanger (never the secret).
    qr_ticket_code = fields.Char(string="QR ticket", readonly=True, copy=False)
    qr_ticket_payload = fields.Char(string="QR payload", readonly=True, copy=False)
    qr_ticket_hanger = fields.Integer(string="Coat check hanger", readonly=True, copy=False)

    def _process_saved_order(self, draft):
        # Runs inside sync_from_ui for a new or still-draft order only: an order that is
        # synced again once paid is ignored by sync_from_ui, and the ticket is keyed
        # (unique) by order, so a retry cannot create a second ticket.
        order_id = super()._process_saved_order(draft)
        if self.state in ("paid", "done"):
            self._qr_ticket_create()
            self.refunded_order_id._qr_ticket_void(self.env._("Order refunded by %s", self.name))
        return order_id

    def _qr_ticket_create(self):
        tickets = self.env["pos.ticket"]
        for order in self:
            if not order.config_id.qr_ticket_enabled or order.refunded_order_id:
                continue
            tickets |= tickets._create_for_order(order)
        return tickets

    def _qr_ticket_void(self, reason):
        tickets = self.env["pos.ticket"].search([("order_id", "in", self.ids)])
        tickets.action_void(reason)

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "cancel":
            self._qr_ticket_void(self.env._("Order cancelled"))
        return res
