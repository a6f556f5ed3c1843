from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request


class FleetMaintenancePortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "fleet_vehicle_count" in counters:
            values["fleet_vehicle_count"] = request.env["fleet.vehicle"].search_count([])
        return values

    @http.route(["/my/fleet"], type="http", auth="user", website=True)
    def portal_my_fleet(self, **kw):
        # record rules restrict the search to the user's commercial partner's vehicles
        vehicles = request.env["fleet.vehicle"].search([])
        values = self._prepare_portal_layout_values()
        values.update({"vehicles": vehicles.sudo(), "page_name": "fleet"})  # sudo: display only, access checked above
        return request.render("fleet_maintenance.portal_my_fleet", values)

    @http.route(["/my/fleet/<int:vehicle_id>"], type="http", auth="user", website=True)
    def portal_my_vehicle(self, vehicle_id, **kw):
        vehicle = request.env["fleet.vehicle"].search([("id", "=", vehicle_id)])
        if not vehicle:
            return request.redirect("/my/fleet")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                # sudo: display only; the vehicle passed the record rules above, its plans/orders belong to it
                "vehicle": vehicle.sudo(),
                "items": vehicle.sudo().maintenance_item_ids,
                "open_orders": vehicle.sudo().service_order_ids.filtered(
                    lambda o: o.stage_code not in ("delivered", "cancelled")
                ),
                "past_orders": vehicle.sudo().service_order_ids.filtered(
                    lambda o: o.stage_code in ("delivered", "cancelled")
                ),
                "page_name": "fleet",
            }
        )
        return request.render("fleet_maintenance.portal_my_vehicle", values)
