from odoo import api, models


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    @api.model
    def _can_change_owner(self):
        # the workshop manager hands a vehicle's service history over to its new owner
        return super()._can_change_owner() or self.env.user.has_group("service_orders.group_service_orders_manager")
