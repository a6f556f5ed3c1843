from odoo import api, fields, models

DRIVE_TYPES = [("fwd", "FWD"), ("rwd", "RWD"), ("awd", "AWD"), ("4wd", "4WD")]
TRANSMISSIONS = [("manual", "Manual"), ("automatic", "Automatic"), ("cvt", "CVT"), ("dct", "Dual clutch")]


class FitmentVehicle(models.Model):
    """A vehicle configuration: base vehicle + submodel + engine (+ body, drive, transmission).

    The suite's one vehicle model: customer vehicles (fleet.vehicle) point here, and so do the
    workshop, fleet maintenance and warranty addons.
    """

    _name = "fitment.vehicle"
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
