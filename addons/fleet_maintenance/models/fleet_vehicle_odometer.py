from odoo import api, models
from odoo.exceptions import ValidationError


class FleetVehicleOdometer(models.Model):
    """Readings by hand, imported or from service orders: never backwards; they refresh the due state."""

    _inherit = "fleet.vehicle.odometer"

    @api.model_create_multi
    def create(self, vals_list):
        vehicles = self.env["fleet.vehicle"].browse({v["vehicle_id"] for v in vals_list if v.get("vehicle_id")})
        last = {vehicle.id: vehicle.odometer for vehicle in vehicles}
        for vals in vals_list:
            value, vehicle_id = vals.get("value", 0.0), vals.get("vehicle_id")
            if vehicle_id and value < last.get(vehicle_id, 0.0):
                raise ValidationError(
                    self.env._(
                        "The odometer of %(vehicle)s cannot go backwards: last reading %(last)s, entered %(new)s.",
                        vehicle=vehicles.browse(vehicle_id).display_name,
                        last=f"{last[vehicle_id]:,.0f}",
                        new=f"{value:,.0f}",
                    )
                )
            if vehicle_id:
                last[vehicle_id] = max(value, last.get(vehicle_id, 0.0))
        readings = super().create(vals_list)
        # fleet's odometer is a non-stored compute without dependencies: drop the cached value
        readings.vehicle_id.invalidate_recordset(["odometer"])
        # sudo: whoever may record a reading (fleet user, workshop, warranty desk) keeps the schedules' due
        # state in step, even without fleet-maintenance rights; only the state is written.
        items = self.env["fleet.maintenance.item"].sudo().search([("vehicle_id", "in", readings.vehicle_id.ids)])
        items._refresh_state()
        return readings
