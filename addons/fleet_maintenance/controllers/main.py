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
        # record rules: a vehicle of the user's commercial partner, its plans, and the service orders of that
        # customer in the user's companies (not those of a previous owner of the vehicle)
        vehicle = request.env["fleet.vehicle"].search([("id", "=", vehicle_id)])
        if not vehicle:
            return request.redirect("/my/fleet")
        items = request.env["fleet.maintenance.item"].search([("vehicle_id", "=", vehicle.id)])
        orders = request.env["service.order"].search([("vehicle_id", "=", vehicle.id)])
        closed = orders.filtered(lambda o: o.stage_code in ("delivered", "cancelled"))
        values = self._prepare_portal_layout_values()
        values.update(
            {
                # sudo: display only; every record was found above under the portal user's record rules
                "vehicle": vehicle.sudo(),
                "items": items.sudo(),
                "open_orders": (orders - closed).sudo(),
                "past_orders": closed.sudo(),
                "page_name": "fleet",
            }
        )
        return request.render("fleet_maintenance.portal_my_vehicle", values)
