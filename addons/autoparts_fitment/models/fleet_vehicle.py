from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..lib import vin as vin_lib
from ..lib.normalize import normalize_plate


class FleetVehicle(models.Model):
    """A customer's vehicle (the "garage"): Odoo's fleet vehicle, tied to the fitment catalogue."""

    _name = "fleet.vehicle"
    _inherit = ["fleet.vehicle", "pos.load.mixin"]

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

    @api.constrains("vin_sn")
    def _check_vin_sn(self):
        for vehicle in self.filtered("vin_sn"):
            try:
                vin_lib.decode(vehicle.vin_sn)
            except vin_lib.VinError as error:
                raise ValidationError(self.env["fitment.vehicle"]._vin_error_message(error)) from None

    @api.model
    def pos_lookup_plate(self, plate):
        """POS: customer vehicles with this plate; {"found": False} is an answer, not an error."""
        vehicles = self.search_by_plate(plate).filtered("fitment_vehicle_id")[:5]
        return {"found": bool(vehicles), "vehicles": vehicles._pos_vehicle_vals()}

    @api.model
    def pos_garage_vehicles(self, partner_id):
        """POS: the catalogue-linked vehicles of a customer (record rules apply: own companies only)."""
        vehicles = self.search([("customer_id", "=", int(partner_id)), ("fitment_vehicle_id", "!=", False)], limit=20)
        return vehicles._pos_vehicle_vals()

    def _pos_vehicle_vals(self):
        return [
            {
                "id": v.id,
                "plate": v.license_plate or "",
                "customer_id": v.customer_id.id,
                "customer": v.customer_id.display_name or "",
                "fitment_vehicle_id": v.fitment_vehicle_id.id,
                "name": v.fitment_vehicle_id.name,
            }
            for v in self
        ]

    @api.model
    def _load_pos_data_domain(self, data, config):
        # only the garage vehicles of the orders loaded; others are read when chosen
        ids = [o["fitment_garage_vehicle_id"] for o in data.get("pos.order", []) if o.get("fitment_garage_vehicle_id")]
        return [("id", "in", ids)]

    @api.model
    def _load_pos_data_fields(self, config):
        # customer_id: the POS drops a garage vehicle when the order's customer changes to another one
        return ["id", "display_name", "license_plate", "customer_id", "fitment_vehicle_id", "write_date"]

    def action_view_fitting_parts(self):
        self.ensure_one()
        return self.fitment_vehicle_id.action_view_fitting_parts()

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

    def write(self, vals):
        if "customer_id" in vals:
            self._check_owner_change(vals["customer_id"])
        return super().write(vals)

    def _check_owner_change(self, customer_id):
        """A vehicle's owner carries its service history and portal access: only a manager changes it.

        Clerks (every POS user) register a customer's vehicle and give an owner to one that has none.
        """
        changed = self.filtered(lambda v: v.customer_id and v.customer_id.id != (customer_id or False))
        if changed and not self._can_change_owner():
            raise AccessError(
                self.env._(
                    "Only a fleet or workshop manager can change the owner of a vehicle (%(vehicles)s): "
                    "its service history goes with it.",
                    vehicles=", ".join(changed.mapped("display_name")),
                )
            )

    @api.model
    def _can_change_owner(self):
        return self.env.su or self.env.user.has_group("fleet.fleet_group_manager")

    @api.model
    def search_by_plate(self, plate):
        """Customer vehicles with this plate, whatever way it was typed; empty when none."""
        normalized = normalize_plate(plate)
        if not normalized:
            return self.browse()
        return self.search([("plate_normalized", "=", normalized)])
