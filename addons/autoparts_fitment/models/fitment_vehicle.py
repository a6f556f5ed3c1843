from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from ..lib import vin as vin_lib

DRIVE_TYPES = [("fwd", "FWD"), ("rwd", "RWD"), ("awd", "AWD"), ("4wd", "4WD")]
TRANSMISSIONS = [("manual", "Manual"), ("automatic", "Automatic"), ("cvt", "CVT"), ("dct", "Dual clutch")]


class FitmentVehicle(models.Model):
    """A vehicle configuration: base vehicle + submodel + engine (+ body, drive, transmission).

    The suite's one vehicle model: customer vehicles (fleet.vehicle) point here, and so do the
    workshop, fleet maintenance and warranty addons.
    """

    _name = "fitment.vehicle"
    _inherit = ["pos.load.mixin"]
    _description = "Vehicle configuration"
    _order = "make_id, model_id, year desc, submodel, engine_id"

    name = fields.Char(compute="_compute_name", store=True)
    base_vehicle_id = fields.Many2one("fitment.base.vehicle", required=True, index=True, ondelete="cascade")
    year = fields.Integer(related="base_vehicle_id.year", store=True)
    make_id = fields.Many2one(related="base_vehicle_id.make_id", store=True)
    model_id = fields.Many2one(related="base_vehicle_id.model_id", store=True)
    submodel = fields.Char(help="Trim level, e.g. Sense, Advance, GLI")
    engine_id = fields.Many2one("fitment.engine", index=True, ondelete="restrict")
    body_type = fields.Char(help="e.g. Sedan, Hatchback, Pickup")
    drive_type = fields.Selection(DRIVE_TYPES)
    transmission = fields.Selection(TRANSMISSIONS)
    vcdb_id = fields.Integer(string="VCdb Vehicle ID", index="btree_not_null")
    active = fields.Boolean(default=True)

    _config_uniq = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (base_vehicle_id, submodel, engine_id, body_type, drive_type, transmission)",
        "This vehicle configuration already exists.",
    )

    @api.depends("base_vehicle_id.name", "submodel", "engine_id.name")
    def _compute_name(self):
        for vehicle in self:
            parts = [vehicle.base_vehicle_id.name, vehicle.submodel, vehicle.engine_id.name]
            vehicle.name = " ".join(p for p in parts if p)

    # ------------------------------------------------------------------ VIN
    @api.model
    def _vin_error_message(self, error):
        if error.code == "empty":
            return self.env._("The VIN is empty.")
        if error.code == "length":
            return self.env._("A VIN has 17 characters; this one has %(count)s.", count=error.detail)
        if error.code == "character":
            return self.env._(
                "The character %(char)s at position %(position)s is not allowed in a VIN "
                "(the letters I, O and Q are never used).",
                char=error.detail,
                position=error.position,
            )
        if error.code == "check_digit":
            return self.env._(
                "The check digit (position 9) does not match: expected %(expected)s. Check the VIN for a typo.",
                expected=error.detail,
            )
        return str(error)

    @api.model
    def _decode_vin_offline(self, number):
        """lib.vin.decode with its typed error turned into a message for the user."""
        try:
            return vin_lib.decode(number)
        except vin_lib.VinError as error:
            raise UserError(self._vin_error_message(error)) from None

    @api.model
    def decode_vin(self, number):
        """Decode a VIN (offline, then vPIC if enabled and fast) and match it to the catalogue.

        Returns a dict for the POS and the API: make, model, year, country, warnings and
        `vehicle_ids` (catalogue configurations that match, best first).
        """
        info = self._decode_vin_offline(number)
        decoded = {
            "vin": info.vin,
            "make": info.manufacturer or "",
            "model": "",
            "year": info.model_year or False,
            "displacement": False,
            "country": info.country or "",
            "source": "offline",
            "warnings": list(info.warnings),
        }
        decoded.update(self.env["fitment.vin.cache"]._enrich(info.vin))
        vehicles = self._match_decoded(decoded["make"], decoded["model"], decoded["year"], decoded["displacement"])
        decoded["vehicle_ids"] = vehicles.ids
        decoded["base_vehicle_ids"] = list(dict.fromkeys(vehicles.base_vehicle_id.ids))
        return decoded

    @api.model
    def _match_decoded(self, make, model, year, displacement=False):
        """Catalogue configurations for a decoded VIN: make + year (+ model, + displacement)."""
        if not make or not year:
            return self.browse()
        domain = Domain("make_id.name", "=ilike", make) & Domain("year", "=", int(year))
        if model:
            domain &= Domain("model_id.name", "=ilike", model)
        vehicles = self.search(domain, limit=200)
        if displacement:
            same_engine = vehicles.filtered(
                lambda v: v.engine_id and abs(v.engine_id.displacement_l - float(displacement)) < 0.05
            )
            vehicles = same_engine or vehicles
        return vehicles

    # ------------------------------------------------------------ fitting parts
    def fitting_parts(self, limit=40, offset=0, in_stock=False):
        """One page of the parts fitting this configuration, compatible first then universal:
        [{product_tmpl_id, universal, position, note, quantity, stock, ...}]
        (see product.product.fitment_parts_for_vehicle, the one query behind the POS, the API and the views).
        """
        self.ensure_one()
        result = self.env["product.product"].fitment_parts_for_vehicle(
            self.id, limit=limit, offset=offset, in_stock_only=in_stock
        )
        return result["parts"]

    def action_view_fitting_parts(self):
        self.ensure_one()
        rows = self.fitting_parts(limit=200)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Parts that fit %(vehicle)s", vehicle=self.name),
            "res_model": "product.template",
            "view_mode": "list,form",
            "domain": [("id", "in", [row["product_tmpl_id"] for row in rows])],
        }

    # ------------------------------------------------------------- partner API
    @api.model
    def _api_check(self):
        if not self.env.user.has_group("autoparts_fitment.group_autoparts_fitment_api") and not self.env.user.has_group(
            "autoparts_fitment.group_autoparts_fitment_clerk"
        ):
            raise AccessError(self.env._("You are not allowed to use the fitment API."))

    @api.model
    def _api_parts(self, vehicle, limit, offset):
        """Code, name, position, note and quantity of the approved parts fitting the vehicle (no stock, no cost).

        The partner API user is a portal user: it reads neither applications nor products. Called after
        _api_check; the query keeps to the products of the user's companies.
        """
        rows = self.env["product.product"]._fitment_parts_for_vehicle(vehicle.id, limit=limit, offset=offset)["parts"]
        # sudo: name and code of the parts the query above selected for this user, nothing else is returned
        templates = self.env["product.template"].sudo().browse([row["product_tmpl_id"] for row in rows])
        by_id = {t.id: t for t in templates}
        return [
            {
                "product_tmpl_id": row["product_tmpl_id"],
                "default_code": by_id[row["product_tmpl_id"]].default_code or "",
                "name": by_id[row["product_tmpl_id"]].name,
                "universal": row["universal"],
                "position": row["position"] or "",
                "note": row["note"] or "",
                "quantity": row["quantity"] or 1.0,
            }
            for row in rows
        ]

    @api.model
    def api_parts_by_vehicle(self, year, make, model, engine_displacement=False, limit=40, offset=0):
        """XML-RPC: parts fitting year + make + model (+ displacement). Read-only."""
        self._api_check()
        vehicles = self._match_decoded(make, model, year, engine_displacement)
        if not vehicles:
            return {"found": False, "vehicle": "", "parts": []}
        vehicle = vehicles[0]
        return {
            "found": True,
            "vehicle": vehicle.name,
            "vehicle_id": vehicle.id,
            "parts": self._api_parts(vehicle, limit, offset),
        }

    @api.model
    def api_parts_by_vin(self, vin, limit=40, offset=0):
        """XML-RPC: decode a VIN and return the parts fitting the matched vehicle. Read-only."""
        self._api_check()
        decoded = self.decode_vin(vin)
        result = {
            "found": bool(decoded["vehicle_ids"]),
            "vin": decoded["vin"],
            "make": decoded["make"],
            "year": decoded["year"],
            "vehicle": "",
            "parts": [],
        }
        if decoded["vehicle_ids"]:
            vehicle = self.browse(decoded["vehicle_ids"][0])
            result.update(vehicle=vehicle.name, vehicle_id=vehicle.id, parts=self._api_parts(vehicle, limit, offset))
        return result

    # ------------------------------------------------------------------- POS
    @api.model
    def _load_pos_data_domain(self, data, config):
        # only the vehicles of the orders loaded; others are read when chosen
        ids = [order["fitment_vehicle_id"] for order in data.get("pos.order", []) if order.get("fitment_vehicle_id")]
        return [("id", "in", ids)]

    @api.model
    def _load_pos_data_fields(self, config):
        return ["id", "name", "display_name", "year", "base_vehicle_id", "write_date"]

    @api.model
    def pos_selector_options(self, year=False, make_id=False, model_id=False):
        """Choices of the cascading selector: years, then makes of that year, models, configurations."""
        domain = Domain.TRUE
        if year:
            domain &= Domain("year", "=", int(year))
        if make_id:
            domain &= Domain("make_id", "=", int(make_id))
        if model_id:
            domain &= Domain("model_id", "=", int(model_id))
        if not year:
            years = [y for (y,) in self._read_group([], ["year"], order="year desc")]
            return {"years": years}
        if not make_id:
            makes = self._read_group(domain, ["make_id"], order="make_id")
            return {"makes": [{"id": m.id, "name": m.name} for (m,) in makes]}
        if not model_id:
            models_ = self._read_group(domain, ["model_id"], order="model_id")
            return {"models": [{"id": m.id, "name": m.name} for (m,) in models_]}
        vehicles = self.search(domain)
        return {"vehicles": [{"id": v.id, "name": v.name} for v in vehicles]}

    @api.model
    def pos_fitting_parts(self, vehicle_id, config_id, offset=0, limit=40, in_stock_only=False):
        """POS: one page of parts fitting the vehicle, with badge info and stock per warehouse."""
        vehicle = self.browse(int(vehicle_id)).exists()
        if not vehicle:
            return {"vehicle": False, "parts": [], "total_compatible": 0}
        result = self.env["product.product"].fitment_parts_for_vehicle(
            vehicle.id, limit=limit, offset=offset, in_stock_only=in_stock_only, pos_config_id=config_id
        )
        return {"vehicle": {"id": vehicle.id, "name": vehicle.name}, **result}

    @api.model
    def pos_decode_vin(self, number):
        """POS: decode a VIN; an invalid VIN comes back as a message, not an exception dialog."""
        try:
            decoded = self.decode_vin(number)
        except UserError as error:
            return {"error": str(error.args[0])}
        decoded["vehicles"] = [{"id": v.id, "name": v.name} for v in self.browse(decoded["vehicle_ids"])]
        return decoded
