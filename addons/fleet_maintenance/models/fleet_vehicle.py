from odoo import fields, models


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    maintenance_item_ids = fields.One2many("fleet.maintenance.item", "vehicle_id", string="Maintenance schedule")
    maintenance_state = fields.Selection(
        [("ok", "Up to date"), ("soon", "Due soon"), ("due", "Due"), ("overdue", "Overdue")],
        compute="_compute_maintenance_state",
    )
    service_order_ids = fields.One2many("service.order", "vehicle_id", string="Service orders")
    workshop_cost = fields.Monetary(compute="_compute_workshop_cost", currency_field="currency_id")
    workshop_cost_per_km = fields.Float(string="Workshop cost per km", compute="_compute_workshop_cost", digits=(16, 2))

    def _compute_maintenance_state(self):
        order = ["ok", "soon", "due", "overdue"]
        for vehicle in self:
            states = vehicle.maintenance_item_ids.mapped("state") or ["ok"]
            vehicle.maintenance_state = max(states, key=order.index)

    def _compute_workshop_cost(self):
        for vehicle in self:
            done = vehicle.service_order_ids.filtered(lambda o: o.state == "done")
            vehicle.workshop_cost = sum(done.mapped("amount_total"))
            vehicle.workshop_cost_per_km = vehicle.workshop_cost / vehicle.odometer if vehicle.odometer else 0.0
