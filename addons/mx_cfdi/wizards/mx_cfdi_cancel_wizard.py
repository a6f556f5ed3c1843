from odoo import fields, models


class MxCfdiCancelWizard(models.TransientModel):
    _name = "mx.cfdi.cancel.wizard"
    _description = "Request the cancellation of a CFDI"

    document_id = fields.Many2one("mx.cfdi.document", required=True)
    motivo = fields.Selection(
        selection=lambda self: self.env["mx.cfdi.document"]._fields["cancel_motivo"].selection,
        string="Cancellation reason",
        required=True,
        default="02",
    )
    substitute_uuid = fields.Char("Substitute UUID")

    def action_confirm(self):
        self.ensure_one()
        self.document_id.action_request_cancel(self.motivo, self.substitute_uuid)
        return {"type": "ir.actions.act_window_close"}
