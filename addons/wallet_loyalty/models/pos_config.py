from odoo import models
from odoo.exceptions import UserError


class PosConfig(models.Model):
    _inherit = "pos.config"

    def wallet_fiado_approve(self, partner_id, amount, order_uuid, pin):
        """POS RPC: a manager types their PIN to let this order go over the customer's credit limit.

        Returns the approver's name. The approval is keyed by the order uuid and checked again on the
        server when the order syncs; a client cannot approve an order by just naming a manager.
        """
        self.ensure_one()
        self.check_access("read")
        partner = self.env["res.partner"].browse(partner_id).exists()
        if not partner or not order_uuid or not isinstance(amount, (int, float)) or amount <= 0:
            raise UserError(self.env._("Nothing to approve: select a customer and a store credit amount."))
        approval = self.env["wallet.fiado.approval"]._approve(self, partner, float(amount), order_uuid, pin)
        return {"approver_id": approval.approver_id.id, "approver_name": approval.approver_id.name}
