from odoo import api, fields, models

FUEL_TYPES = [
    ("gasoline", "Gasoline"),
    ("diesel", "Diesel"),
    ("hybrid", "Hybrid"),
    ("electric", "Electric"),
    ("lpg", "LPG"),
    ("cng", "CNG"),
    ("flex", "Flex fuel"),
]

ASPIRATIONS = [
    ("natural", "Naturally aspirated"),
    ("turbo", "Turbocharged"),
    ("supercharged", "Supercharged"),
    ("twin", "Turbo + supercharged"),
]


class FitmentEngine(models.Model):
    """An engine as the VCdb describes it (EngineBase + fuel + aspiration + code)."""

    _name = "fitment.engine"
    _description = "Engine"
    _order = "displacement_l, cylinders, fuel_type"

    name = fields.Char(compute="_compute_name", store=True)
    displacement_l = fields.Float(string="Displacement (L)", digits=(3, 1), required=True)
    cylinders = fields.Integer(required=True)
    block_type = fields.Selection(
        [("L", "Inline"), ("V", "V"), ("H", "Boxer"), ("W", "W"), ("R", "Rotary")], default="L"
    )
    fuel_type = fields.Selection(FUEL_TYPES, default="gasoline", required=True)
    aspiration = fields.Selection(ASPIRATIONS, default="natural", required=True)
    engine_code = fields.Char(help="Manufacturer's engine code, e.g. CBPA, HR16DE")
    vcdb_id = fields.Integer(string="VCdb EngineBase ID", index="btree_not_null")
    active = fields.Boolean(default=True)

    _vcdb_id_uniq = models.Constraint("UNIQUE (vcdb_id)", "This VCdb engine already exists.")

    @api.depends("displacement_l", "cylinders", "block_type", "fuel_type", "aspiration", "engine_code")
    def _compute_name(self):
        fuel_labels = dict(self._fields["fuel_type"]._description_selection(self.env))
        for engine in self:
            parts = [f"{engine.displacement_l:.1f}L", f"{engine.block_type or ''}{engine.cylinders}"]
            if engine.aspiration in ("turbo", "twin"):
                parts.append("Turbo")
            elif engine.aspiration == "supercharged":
                parts.append("Supercharged")
            parts.append(fuel_labels.get(engine.fuel_type, ""))
            if engine.engine_code:
                parts.append(f"({engine.engine_code})")
            engine.name = " ".join(p for p in parts if p)
