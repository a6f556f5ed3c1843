from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command


class FleetMaintenancePlan(models.Model):
    """A preventive maintenance rule (e.g. oil change every 5,000 km / 6 months), for one vehicle or a whole model.

    Its intervals mirror the recurrence of Odoo's ``maintenance`` (repeat interval + unit); each vehicle it
    applies to gets a ``fleet.maintenance.item`` that tracks when it is next due.
    """

    _name = "fleet.maintenance.plan"
    _description = "Fleet maintenance plan"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    model_id = fields.Many2one(
        "fleet.vehicle.model", string="Vehicle model", help="Applies to every vehicle of this model."
    )
    vehicle_id = fields.Many2one("fleet.vehicle", help="Applies to this vehicle only.")
    customer_id = fields.Many2one(
        "res.partner", string="Fleet customer", help="Limit a model plan to this customer's vehicles."
    )
    interval_km = fields.Float(string="Every (km)", help="0 = not by distance.")
    interval_months = fields.Integer(string="Every (months)", help="0 = not by time.")
    alert_km = fields.Float(string="Alert margin (km)", default=500.0)
    alert_days = fields.Integer(string="Alert margin (days)", default=15)
    service_product_id = fields.Many2one(
        "product.product",
        string="Labour service",
        domain=[("type", "=", "service")],
        help="Service put on the service orders created from due items.",
    )
    labour_hours = fields.Float(default=1.0)
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user)
    item_ids = fields.One2many("fleet.maintenance.item", "plan_id", string="Vehicles")
    item_count = fields.Integer(compute="_compute_item_count")

    _interval_positive = models.Constraint(
        "CHECK(interval_km >= 0 AND interval_months >= 0 AND alert_km >= 0 AND alert_days >= 0)",
        "Intervals and alert margins cannot be negative.",
    )

    def _compute_item_count(self):
        for plan in self:
            plan.item_count = len(plan.item_ids)

    @api.constrains("interval_km", "interval_months", "model_id", "vehicle_id")
    def _check_plan(self):
        for plan in self:
            if not plan.interval_km and not plan.interval_months:
                raise ValidationError(self.env._("Plan %(plan)s needs an interval in km or in months.", plan=plan.name))
            if not plan.model_id and not plan.vehicle_id:
                raise ValidationError(
                    self.env._("Plan %(plan)s must apply to a vehicle or a vehicle model.", plan=plan.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans._sync_items()
        return plans

    def _target_vehicles(self):
        self.ensure_one()
        if self.vehicle_id:
            return self.vehicle_id
        domain = [("model_id", "=", self.model_id.id), ("company_id", "in", [self.company_id.id, False])]
        if self.customer_id:
            domain.append(("customer_id", "child_of", self.customer_id.commercial_partner_id.id))
        return self.env["fleet.vehicle"].search(domain)

    def _sync_items(self):
        """Create the missing item of each vehicle the plan applies to (existing items keep their history)."""
        for plan in self:
            missing = plan._target_vehicles() - plan.item_ids.vehicle_id
            plan.write({"item_ids": [Command.create(plan._prepare_item_vals(v)) for v in missing]})

    def _prepare_item_vals(self, vehicle):
        return {
            "vehicle_id": vehicle.id,
            "last_done_km": vehicle.odometer,
            "last_done_date": fields.Date.context_today(self),
        }

    def action_sync_items(self):
        if not self:
            raise UserError(self.env._("Select a plan."))
        self._sync_items()
        return True
