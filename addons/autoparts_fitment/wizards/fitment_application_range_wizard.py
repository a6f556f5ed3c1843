from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.fitment_application import POSITIONS


class FitmentApplicationRangeWizard(models.TransientModel):
    """Add a part to a model over a range of years in one go (one application per base vehicle)."""

    _name = "fitment.application.range.wizard"
    _description = "Add applications for a year range"

    product_tmpl_id = fields.Many2one("product.template", string="Part", required=True)
    model_id = fields.Many2one("fleet.vehicle.model", required=True)
    year_from = fields.Integer(required=True)
    year_to = fields.Integer(required=True)
    engine_id = fields.Many2one("fitment.engine")
    position = fields.Selection(POSITIONS)
    quantity = fields.Float(string="Qty per vehicle", default=1.0)
    note = fields.Char()

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "product.template" and "product_tmpl_id" in fields_list:
            values["product_tmpl_id"] = self.env.context.get("active_id")
        return values

    def action_apply(self):
        self.ensure_one()
        if not 1900 <= self.year_from <= self.year_to <= 2100:
            raise UserError(self.env._("Enter a valid year range (from ≤ to, between 1900 and 2100)."))
        bases = self.env["fitment.base.vehicle"]
        existing = bases.search(
            [("model_id", "=", self.model_id.id), ("year", ">=", self.year_from), ("year", "<=", self.year_to)]
        )
        missing = set(range(self.year_from, self.year_to + 1)) - set(existing.mapped("year"))
        bases = existing | bases.create([{"model_id": self.model_id.id, "year": year} for year in sorted(missing)])
        already = self.env["fitment.application"].search(
            [
                ("product_tmpl_id", "=", self.product_tmpl_id.id),
                ("base_vehicle_id", "in", bases.ids),
                ("engine_id", "=", self.engine_id.id),
                ("position", "=", self.position),
            ]
        )
        todo = bases - already.base_vehicle_id
        self.env["fitment.application"].create(
            [
                {
                    "product_tmpl_id": self.product_tmpl_id.id,
                    "base_vehicle_id": base.id,
                    "engine_id": self.engine_id.id,
                    "position": self.position,
                    "quantity": self.quantity,
                    "note": self.note,
                    "source": "manual",
                }
                for base in todo
            ]
        )
        return {"type": "ir.actions.act_window_close"}
