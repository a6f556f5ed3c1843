from odoo import api, fields, models

from ..lib.normalize import normalize_plate


class FleetVehicle(models.Model):
    """A customer's vehicle (the "garage"): Odoo's fleet vehicle, tied to the fitment catalogue."""

    _inherit = "fleet.vehicle"

    customer_id = fields.Many2one("res.partner", index="btree_not_null", tracking=True, help="Owner of the vehicle")
    fitment_vehicle_id = fields.Many2one(
        "fitment.vehicle", string="Catalogue vehicle", index="btree_not_null", tracking=True
    )
    fitment_base_vehicle_id = fields.Many2one(related="fitment_vehicle_id.base_vehicle_id", store=True)
    plate_state_id = fields.Many2one(
        "res.country.state", string="Plate state", domain="[('country_id.code', '=', 'MX')]"
    )
    plate_normalized = fields.Char(compute="_compute_plate_normalized", store=True, index="btree_not_null")
    plate_lookup = fields.Char(
        string="Plate (any format)", compute="_compute_plate_lookup", search="_search_plate_lookup"
    )
    customer_note = fields.Text(string="Vehicle notes")

    @api.depends("license_plate")
    def _compute_plate_normalized(self):
        for vehicle in self:
            vehicle.plate_normalized = normalize_plate(vehicle.license_plate) or False

    def _compute_plate_lookup(self):
        for vehicle in self:
            vehicle.plate_lookup = vehicle.license_plate

    def _search_plate_lookup(self, operator, value):
        if operator not in ("=", "ilike") or not isinstance(value, str):
            return NotImplemented
        normalized = normalize_plate(value)
        return [("plate_normalized", "=" if operator == "=" else "like", normalized)]

    @api.onchange("fitment_vehicle_id")
    def _onchange_fitment_vehicle_id(self):
        if self.fitment_vehicle_id:
            self.update(self._prepare_catalogue_vals(self.fitment_vehicle_id))

    @api.model
    def _prepare_catalogue_vals(self, fitment_vehicle):
        return {"model_id": fitment_vehicle.model_id.id, "model_year": str(fitment_vehicle.year)}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("fitment_vehicle_id") and not vals.get("model_id"):
                fitment_vehicle = self.env["fitment.vehicle"].browse(vals["fitment_vehicle_id"])
                vals.update(self._prepare_catalogue_vals(fitment_vehicle))
        return super().create(vals_list)

    @api.model
    def search_by_plate(self, plate):
        """Customer vehicles with this plate, whatever way it was typed; empty when none."""
        normalized = normalize_plate(plate)
        if not normalized:
            return self.browse()
        return self.search([("plate_normalized", "=", normalized)])
