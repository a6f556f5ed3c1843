from odoo import api, fields, models


class FitmentBaseVehicle(models.Model):
    """Year + make + model: the VCdb BaseVehicle, the key most fitment hangs on.

    Makes and models are Odoo's fleet brands and models, so the workshop, fleet and warranty
    addons and Odoo's own fleet app share one catalogue.
    """

    _name = "fitment.base.vehicle"
    _description = "Base vehicle (year, make, model)"
    _order = "make_id, model_id, year desc"

    name = fields.Char(compute="_compute_name", store=True)
    year = fields.Integer(required=True)
    model_id = fields.Many2one("fleet.vehicle.model", required=True, ondelete="restrict")
    make_id = fields.Many2one(related="model_id.brand_id", string="Make", store=True)
    vcdb_id = fields.Integer(string="VCdb BaseVehicle ID", index="btree_not_null")
    vehicle_ids = fields.One2many("fitment.vehicle", "base_vehicle_id", string="Configurations")
    application_ids = fields.One2many("fitment.application", "base_vehicle_id", string="Applications")

    _model_year_uniq = models.Constraint("UNIQUE (model_id, year)", "This year of this model already exists.")
    _vcdb_id_uniq = models.Constraint("UNIQUE (vcdb_id)", "This VCdb base vehicle already exists.")
    _year_check = models.Constraint("CHECK (year BETWEEN 1900 AND 2100)", "The year must be between 1900 and 2100.")
    # the cascading Year -> Make -> Model selector reads this index only
    _make_model_year_idx = models.Index("(make_id, model_id, year)")

    @api.depends("year", "model_id.name", "make_id.name")
    def _compute_name(self):
        for base in self:
            base.name = f"{base.year} {base.make_id.name or ''} {base.model_id.name or ''}".strip()
