from odoo import fields, models
from odoo.exceptions import UserError


class PosConfig(models.Model):
    _inherit = "pos.config"

    wallet_pin_failures = fields.Integer(copy=False, readonly=True, help="Wrong approval PINs in a row.")
    wallet_pin_locked_until = fields.Datetime(
        copy=False, readonly=True, help="Store credit approvals by PIN are refused until then (too many wrong PINs)."
    )

    def wallet_fiado_approve(self, partner_id, amount, order_uuid, pin):
        """POS RPC: a manager types their PIN to let this order go over the customer's credit limit.

        Returns ``{"approved": True, "approver_id", "approver_name"}`` or ``{"approved": False, "message"}``.
        The approval is keyed by the order uuid and checked again on the server when the order syncs; a client
        cannot approve an order by just naming a manager. Repeated wrong PINs lock the POS out for a while.
        """
        self.ensure_one()
        self.check_access("read")
        partner = self.env["res.partner"].browse(partner_id).exists()
        if not partner or not order_uuid or not isinstance(amount, (int, float)) or amount <= 0:
            raise UserError(self.env._("Nothing to approve: select a customer and a store credit amount."))
        approval, error = self.env["wallet.fiado.approval"]._approve(self, partner, float(amount), order_uuid, pin)
        if not approval:
            return {"approved": False, "message": error}
        return {"approved": True, "approver_id": approval.approver_id.id, "approver_name": approval.approver_id.name}
