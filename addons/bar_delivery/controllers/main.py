from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request


class BarDeliveryController(http.Controller):
    def _client(self):
        req = request.httprequest
        return {"ip": req.remote_addr, "user_agent": req.headers.get("User-Agent", "")}

    def _station(self, station_id):
        """The station if this device may use it: ``search`` applies the per-company rules."""
        try:
            station_id = int(station_id or 0)
        except (TypeError, ValueError):
            station_id = 0
        Station = request.env["bar.station"]
        return Station.search([("id", "=", station_id)], limit=1) if station_id else Station

    def _bartender(self, station_id, employee_id, pin):
        """Return (station, employee) or raise AccessError for a wrong bartender/PIN."""
        env = request.env
        if not env.user.has_group("bar_delivery.group_bar_delivery_bartender"):
            raise AccessError(env._("You are not allowed to use the bartender screen."))
        station = self._station(station_id)
        if not station:
            raise AccessError(env._("Unknown bar station."))
        # sudo: the device user cannot read employees' PINs; _bar_check_pin only compares them.
        employee = env["hr.employee"].sudo()._bar_check_pin(station, employee_id, pin)
        return station, employee

    def _refused_login(self, station_id):
        station = self._station(station_id)
        if station:
            request.env["pos.ticket"]._bar_log(
                "scan", "bad_pin", request.env["pos.ticket"], station, request.env["hr.employee"], self._client()
            )
        return {"status": "bad_pin", "message": request.env["pos.ticket"]._bar_message("bad_pin")}

    @http.route("/bar_delivery/bootstrap", type="jsonrpc", auth="user", methods=["POST"])
    def bootstrap(self):
        env = request.env
        if not env.user.has_group("bar_delivery.group_bar_delivery_bartender"):
            raise AccessError(env._("You are not allowed to use the bartender screen."))
        stations = env["bar.station"].search([("company_id", "in", env.companies.ids)])
        return {
            "stations": [{"id": s.id, "name": s.name, "bartenders": s._bar_bartenders()} for s in stations],
        }

    @http.route("/bar_delivery/login", type="jsonrpc", auth="user", methods=["POST"])
    def login(self, station_id=None, employee_id=None, pin=None):
        employee = self._bartender(station_id, employee_id, pin)[1]
        if not employee:
            return self._refused_login(station_id)
        return {"status": "ok", "employee": {"id": employee.id, "name": employee.name}}

    @http.route("/bar_delivery/scan", type="jsonrpc", auth="user", methods=["POST"])
    def scan(self, payload=None, station_id=None, employee_id=None, pin=None):
        station, employee = self._bartender(station_id, employee_id, pin)
        if not employee:
            return self._refused_login(station_id)
        return request.env["pos.ticket"]._bar_scan(payload, station, employee, self._client())

    @http.route("/bar_delivery/deliver", type="jsonrpc", auth="user", methods=["POST"])
    def deliver(self, payload=None, station_id=None, employee_id=None, pin=None, quantities=None):
        station, employee = self._bartender(station_id, employee_id, pin)
        if not employee:
            return self._refused_login(station_id)
        if quantities is not None and not isinstance(quantities, dict):
            quantities = {}
        return request.env["pos.ticket"]._bar_deliver(payload, station, employee, quantities, self._client())
