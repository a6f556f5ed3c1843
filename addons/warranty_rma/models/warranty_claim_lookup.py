from odoo import api, models
from odoo.exceptions import UserError, ValidationError


class WarrantyClaimLookup(models.AbstractModel):
    """Finding the warranty to claim (receipt, QR ticket, serial, customer) and opening claims from the POS.
    Mixed into ``warranty.claim`` only."""

    _name = "warranty.claim.lookup"
    _description = "Warranty claim: lookup and POS"

    @api.model
    def find_warranties(self, receipt=None, serial=None, partner_id=None):
        """Warranties matching a receipt/ticket code, a serial number or a customer."""
        domain = []
        if receipt:
            receipt = receipt.strip()
            orders = self.env["pos.order"].search(self._pos_order_lookup_domain(receipt))
            domain = [
                "|",
                "|",
                ("pos_order_id", "in", orders.ids),
                ("origin_ref", "=", receipt),
                ("name", "=", receipt),
            ]
        elif serial:
            domain = [("lot_id.name", "=", serial.strip())]
        elif partner_id:
            domain = [
                ("commercial_partner_id", "=", self.env["res.partner"].browse(partner_id).commercial_partner_id.id)
            ]
        if not domain:
            raise ValidationError(self.env._("Give a receipt, a serial number or a customer to find the warranty."))
        warranties = self.env["warranty.warranty"].search(domain)
        if not warranties:
            raise UserError(self.env._("No sale with a warranty matches this search."))
        return warranties

    @api.model
    def _pos_order_lookup_domain(self, code):
        domain = ["|", ("pos_reference", "=", code), ("name", "=", code)]
        # pos_tickets_qr (optional) stores the ticket's code, printed under its QR, and the QR's payload (what a
        # scanner reads)
        for fname in ("qr_ticket_code", "qr_ticket_payload", "ticket_code"):
            if fname in self.env["pos.order"]._fields:
                domain = ["|", (fname, "=", code), *domain]
        return domain

    @api.model
    def create_from_pos(self, order_id, reason, line_ids=None):
        """Draft claims for the warranties of a past POS order (RPC from the POS ticket screen)."""
        order = self.env["pos.order"].browse(order_id).exists()
        domain = [("pos_order_id", "=", order.id)]
        if line_ids:
            domain.append(("pos_order_line_id", "in", line_ids))
        warranties = self.env["warranty.warranty"].search(domain) if order else self.env["warranty.warranty"]
        if not warranties:
            raise UserError(self.env._("This order has no part under warranty."))
        claims = self.create([{"warranty_id": w.id, "quantity": w.quantity, "reason": reason} for w in warranties])
        return [{"id": c.id, "name": c.name} for c in claims]
