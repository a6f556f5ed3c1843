import csv
from pathlib import Path

from odoo import api, models
from odoo.tools import file_open

DEMO_DIR = Path("autoparts_fitment") / "demo"


def _rows(name):
    with file_open(str(DEMO_DIR / name)) as handle:  # text mode: always UTF-8
        return list(csv.DictReader(handle))


class FitmentDemoLoader(models.AbstractModel):
    """Builds the demo catalogue of a Mexican auto-parts store from the CSV files of demo/.

    Called once by demo/fitment_demo.xml: a few hundred vehicles, their parts with stock, fitment,
    interchange numbers and customers' vehicles, created in batches (faster than XML records).
    """

    _name = "fitment.demo.loader"
    _description = "Fitment demo data loader"

    @api.model
    def _load_demo(self):
        company = self.env.ref("base.main_company")
        self = self.with_company(company).with_context(tracking_disable=True, mail_create_nolog=True)
        models_cache = {}
        engines = self._demo_engines()
        vehicles = self._demo_vehicles(engines, models_cache)
        templates = self._demo_parts(company)
        self._demo_applications(templates, engines, models_cache)
        self._demo_garage(vehicles, models_cache)

    @api.model
    def _demo_engines(self):
        Engine = self.env["fitment.engine"]
        engines = {}
        for row in _rows("fitment_demo_engines.csv"):
            code = row["engine_code"]
            engines[code] = Engine.search([("engine_code", "=", code)], limit=1) or Engine.create(
                {
                    "engine_code": code,
                    "displacement_l": float(row["displacement"]),
                    "cylinders": int(row["cylinders"]),
                    "block_type": row["block"],
                    "fuel_type": row["fuel"],
                    "aspiration": row["aspiration"],
                }
            )
        return engines

    @api.model
    def _demo_model(self, make, model, cache):
        if (make, model) not in cache:
            Brand, Model = self.env["fleet.vehicle.model.brand"], self.env["fleet.vehicle.model"]
            brand = Brand.search([("name", "=ilike", make)], limit=1) or Brand.create({"name": make})
            cache[make, model] = Model.search(
                [("brand_id", "=", brand.id), ("name", "=ilike", model)], limit=1
            ) or Model.create({"name": model, "brand_id": brand.id, "vehicle_type": "car"})
        return cache[make, model]

    @api.model
    def _demo_vehicles(self, engines, models_cache):
        """Base vehicles for every year of every row, and one configuration per engine and year."""
        rows = _rows("fitment_demo_vehicles.csv")
        wanted = {
            (self._demo_model(row["make"], row["model"], models_cache).id, year)
            for row in rows
            for year in range(int(row["year_from"]), int(row["year_to"]) + 1)
        }
        Base = self.env["fitment.base.vehicle"]
        existing = Base.search([("model_id", "in", list({model_id for model_id, _year in wanted}))])
        bases = {(b.model_id.id, b.year): b for b in existing}
        missing = sorted(wanted - set(bases))
        for base in Base.create([{"model_id": model_id, "year": year} for model_id, year in missing]):
            bases[base.model_id.id, base.year] = base
        vals_list = [
            {
                "base_vehicle_id": bases[self._demo_model(row["make"], row["model"], models_cache).id, year].id,
                "engine_id": engines[row["engine_code"]].id,
                "body_type": row["body_type"],
                "transmission": row["transmission"],
            }
            for row in rows
            for year in range(int(row["year_from"]), int(row["year_to"]) + 1)
        ]
        vehicles = self.env["fitment.vehicle"].create(vals_list)
        return {(v.model_id.id, v.year, v.engine_id.engine_code): v for v in vehicles}

    @api.model
    def _demo_parts(self, company):
        rows = _rows("fitment_demo_parts.csv")
        parent = self.env["product.category"].create({"name": "Refacciones"})
        categories, pos_categories = {}, {}
        for name in dict.fromkeys(row["category"] for row in rows):
            categories[name] = self.env["product.category"].create({"name": name, "parent_id": parent.id})
            pos_categories[name] = self.env["pos.category"].create({"name": name})
        templates = self.env["product.template"].create(
            [
                {
                    "name": row["name"],
                    "default_code": row["default_code"],
                    "type": "consu",
                    "is_storable": True,
                    "available_in_pos": True,
                    "list_price": float(row["list_price"]),
                    "standard_price": float(row["standard_price"]),
                    "categ_id": categories[row["category"]].id,
                    "pos_categ_ids": [(6, 0, pos_categories[row["category"]].ids)],
                    "fitment_universal": bool(row["universal"]),
                }
                for row in rows
            ]
        )
        by_code = {t.default_code: t for t in templates}
        interchange = []
        for row in rows:
            for number in filter(None, row["interchange"].split("|")):
                parts = number.split(":")
                kind = "oem" if parts[0] == "OEM" else "aftermarket"
                brand, code = parts[-2], parts[-1]
                interchange.append(
                    {"product_tmpl_id": by_code[row["default_code"]].id, "number": code, "brand": brand, "kind": kind}
                )
        self.env["fitment.interchange"].create(interchange)
        stock = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1).lot_stock_id
        Quant = self.env["stock.quant"]
        for row in rows:
            if float(row["qty"]) > 0:
                product = by_code[row["default_code"]].product_variant_id
                Quant._update_available_quantity(product, stock, float(row["qty"]))
        return by_code

    @api.model
    def _demo_applications(self, templates, engines, models_cache):
        vals_list = []
        for row in _rows("fitment_demo_applications.csv"):
            model = self._demo_model(row["make"], row["model"], models_cache)
            bases = self.env["fitment.base.vehicle"].search(
                [
                    ("model_id", "=", model.id),
                    ("year", ">=", int(row["year_from"])),
                    ("year", "<=", int(row["year_to"])),
                ]
            )
            source, _sep, confidence = row["source"].partition(":")
            for base in bases:
                vals_list.append(
                    {
                        "product_tmpl_id": templates[row["default_code"]].id,
                        "base_vehicle_id": base.id,
                        "engine_id": engines[row["engine_code"]].id if row["engine_code"] else False,
                        "position": row["position"] or False,
                        "quantity": float(row["qty"]),
                        "note": row["note"] or False,
                        "source": source or "manual",
                        "confidence": float(confidence or 0),
                        "state": "pending" if source == "ai" else "approved",
                    }
                )
        self.env["fitment.application"].create(vals_list)

    @api.model
    def _demo_garage(self, vehicles, models_cache):
        partners = {}
        states = {
            s.code: s for s in self.env["res.country.state"].search([("country_id", "=", self.env.ref("base.mx").id)])
        }
        vals_list = []
        for row in _rows("fitment_demo_garage.csv"):
            if row["customer"] not in partners:
                partners[row["customer"]] = self.env["res.partner"].create(
                    {
                        "name": row["customer"],
                        "phone": row["phone"],
                        "city": row["city"],
                        "country_id": self.env.ref("base.mx").id,
                        "is_company": row["customer"].split()[0] in ("Transportes", "Taller", "Refacciones"),
                    }
                )
            model = self._demo_model(row["make"], row["model"], models_cache)
            vehicle = vehicles[model.id, int(row["year"]), row["engine_code"]]
            vals_list.append(
                {
                    "customer_id": partners[row["customer"]].id,
                    "fitment_vehicle_id": vehicle.id,
                    "license_plate": row["plate"],
                    "plate_state_id": states[row["plate_state"]].id,
                    "vin_sn": row["vin"] or False,
                    "odometer": float(row["odometer"]),
                    "customer_note": row["note"] or False,
                }
            )
        self.env["fleet.vehicle"].create(vals_list)
