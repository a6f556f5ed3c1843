from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class FleetMaintenanceBatchWizard(models.TransientModel):
    """Create service orders in one go from due maintenance items: one order per vehicle."""

    _name = "fleet.maintenance.batch.wizard"
    _description = "Create service orders from due maintenance"

    item_ids = fields.Many2many("fleet.maintenance.item", string="Maintenance items")
    technician_id = fields.Many2one("res.users")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if "item_ids" in fields_list and not res.get("item_ids"):
            ids = self.env.context.get("active_model") == "fleet.maintenance.item" and self.env.context.get(
                "active_ids"
            )
            domain = [("id", "in", ids)] if ids else [("state", "in", ("due", "overdue"))]
            items = self.env["fleet.maintenance.item"].search([*domain, ("service_order_id", "=", False)])
            res["item_ids"] = [Command.set(items.ids)]
        return res

    def action_create_orders(self):
        self.ensure_one()
        if self.item_ids:
            # two planners running the batch at once must not create two orders for the same item
            self.env.cr.execute(
                "SELECT id FROM fleet_maintenance_item WHERE id IN %s FOR NO KEY UPDATE",
                [tuple(self.item_ids.ids)],
                log_exceptions=False,  # a serialization failure is retried by the request, not an error
            )
            self.item_ids.invalidate_recordset(["service_order_id"])
        items = self.item_ids.filtered(lambda i: not i.service_order_id)
        if not items:
            raise UserError(self.env._("No maintenance item without a service order was selected."))
        orders = self.env["service.order"]
        for vehicle in items.vehicle_id:
            vehicle_items = items.filtered(lambda i, v=vehicle: i.vehicle_id == v)
            order = self.env["service.order"].create(self._prepare_order_vals(vehicle, vehicle_items))
            vehicle_items.write({"service_order_id": order.id})
            orders |= order
        return {
            "type": "ir.actions.act_window",
            "res_model": "service.order",
            "name": self.env._("Service orders"),
            "view_mode": "list,form",
            "domain": [("id", "in", orders.ids)],
        }

    def _prepare_order_vals(self, vehicle, items):
        plans = items.plan_id
        return {
            "vehicle_id": vehicle.id,
            "partner_id": (vehicle.customer_id or self.env.company.partner_id).id,
            "technician_id": self.technician_id.id,
            "complaint": self.env._("Preventive maintenance: %(plans)s", plans=", ".join(plans.mapped("name"))),
            "labour_ids": [
                Command.create({"product_id": plan.service_product_id.id, "hours": plan.labour_hours})
                for plan in plans.filtered("service_product_id")
            ],
        }
