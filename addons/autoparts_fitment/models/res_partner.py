from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    fitment_garage_ids = fields.One2many("fleet.vehicle", "customer_id", string="Garage")
    fitment_garage_count = fields.Integer(compute="_compute_fitment_garage_count", string="Vehicles")

    def _compute_fitment_garage_count(self):
        counts = dict(
            self.env["fleet.vehicle"]._read_group([("customer_id", "in", self.ids)], ["customer_id"], ["__count"])
        )
        for partner in self:
            partner.fitment_garage_count = counts.get(partner, 0)

    def action_view_fitment_garage(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Garage of %(customer)s", customer=self.display_name),
            "res_model": "fleet.vehicle",
            "view_mode": "list,form",
            "domain": [("customer_id", "=", self.id)],
            "context": {"default_customer_id": self.id},
        }
