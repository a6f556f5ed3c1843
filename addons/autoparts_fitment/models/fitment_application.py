from odoo import api, fields, models
from odoo.exceptions import ValidationError

POSITIONS = [
    ("front", "Front"),
    ("rear", "Rear"),
    ("left", "Left"),
    ("right", "Right"),
    ("front_left", "Front left"),
    ("front_right", "Front right"),
    ("rear_left", "Rear left"),
    ("rear_right", "Rear right"),
    ("upper", "Upper"),
    ("lower", "Lower"),
]

SOURCES = [
    ("manual", "Manual"),
    ("aces", "ACES import"),
    ("csv", "CSV import"),
    ("vin", "VIN"),
    ("ai", "AI suggestion"),
]


class FitmentApplication(models.Model):
    """Part X fits base vehicle Y (optionally only that engine / submodel), at a position, N per vehicle.

    A year range (ACES `Years from/to`) is stored as one application per base vehicle, so the
    question the counter asks ("what fits this vehicle?") is one indexed lookup.
    """

    _name = "fitment.application"
    _description = "Part fitment application"
    _order = "base_vehicle_id, position, product_tmpl_id"

    product_tmpl_id = fields.Many2one("product.template", string="Part", required=True, ondelete="cascade")
    base_vehicle_id = fields.Many2one("fitment.base.vehicle", required=True, ondelete="cascade")
    year = fields.Integer(related="base_vehicle_id.year", store=True)
    # not stored: two more foreign keys to check on every row would halve the speed of bulk imports
    make_id = fields.Many2one(related="base_vehicle_id.make_id")
    model_id = fields.Many2one(related="base_vehicle_id.model_id")
    engine_id = fields.Many2one("fitment.engine", ondelete="restrict", help="Empty: every engine of the vehicle")
    submodel = fields.Char(help="Empty: every submodel of the vehicle")
    position = fields.Selection(POSITIONS)
    quantity = fields.Float(string="Qty per vehicle", default=1.0, digits="Product Unit")
    note = fields.Char(help="Notes and qualifiers shown to the clerk, e.g. 'con ABS', 'excepto GLI'")
    source = fields.Selection(SOURCES, default="manual", required=True)
    confidence = fields.Float(help="For AI suggestions: 0-1")
    state = fields.Selection(
        [("pending", "Pending approval"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="approved",
        required=True,
    )
    external_ref = fields.Char(help="Identifier in the source file (ACES App id), for idempotent re-imports")

    _vehicle_part_idx = models.Index("(base_vehicle_id, product_tmpl_id) WHERE state = 'approved'")
    _part_idx = models.Index("(product_tmpl_id, base_vehicle_id)")
    _external_ref_uniq = models.Constraint(
        "UNIQUE (source, external_ref)", "An application with this source reference already exists."
    )
    _quantity_check = models.Constraint("CHECK (quantity > 0)", "The quantity per vehicle must be positive.")

    @api.constrains("confidence")
    def _check_confidence(self):
        for application in self:
            if not 0 <= application.confidence <= 1:
                raise ValidationError(self.env._("The confidence must be between 0 and 1."))

    def action_approve(self):
        self.filtered(lambda a: a.state != "approved").write({"state": "approved"})

    def action_reject(self):
        self.filtered(lambda a: a.state != "rejected").write({"state": "rejected"})
