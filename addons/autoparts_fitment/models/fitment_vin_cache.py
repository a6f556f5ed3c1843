import json
import logging

from odoo import api, fields, models

from ..lib import vpic

_logger = logging.getLogger(__name__)


class FitmentVinCache(models.Model):
    """vPIC answers already fetched: a VIN is asked online once, then read from here."""

    _name = "fitment.vin.cache"
    _description = "VIN decoding cache (NHTSA vPIC)"
    _order = "id desc"

    vin = fields.Char(string="VIN", required=True, readonly=True)
    make = fields.Char(readonly=True)
    model = fields.Char(readonly=True)
    year = fields.Integer(readonly=True)
    displacement = fields.Float(string="Displacement (L)", digits=(3, 1), readonly=True)
    error_code = fields.Char(help="vPIC ErrorCode: 0 is a clean decode", readonly=True)
    payload = fields.Text(readonly=True)

    _vin_uniq = models.Constraint("UNIQUE (vin)", "This VIN is already cached.")

    @api.model
    def _enrich(self, vin):
        """vPIC data for the VIN ({} when disabled, unknown or unreachable): never raises.

        Cached answers first; else one call with a short timeout (the counter does not wait), unless
        vPIC failed within the cooldown (then none).
        """
        cached = self.sudo().search([("vin", "=", vin)], limit=1)  # sudo: cache is technical, clerks read it
        if cached:
            return cached._as_decoded()
        params = self.env["ir.config_parameter"].sudo()  # sudo: reading technical settings
        if not params.get_param("autoparts_fitment.vpic_enabled"):
            return {}
        base_url = params.get_param("autoparts_fitment.vpic_url") or vpic.DEFAULT_BASE_URL
        if vpic.BREAKER.is_open(base_url):
            return {}
        timeout = float(params.get_param("autoparts_fitment.vpic_timeout") or 1.5)
        try:
            data = vpic.decode(vin, base_url, timeout)
        except vpic.VpicError as error:
            cooldown = float(params.get_param("autoparts_fitment.vpic_cooldown") or 120)
            vpic.BREAKER.trip(base_url, cooldown)
            _logger.warning(
                "vPIC unavailable for VIN %s, offline decoding used (vPIC not asked for %ss): %s", vin, cooldown, error
            )
            return {}
        vpic.BREAKER.reset(base_url)
        if not data["make"]:
            return {}
        record = self._store(vin, data)
        return record._as_decoded() if record else {}

    def _store(self, vin, data):
        self.env.cr.execute(
            """
            INSERT INTO fitment_vin_cache (vin, make, model, year, displacement, error_code, payload,
                                           create_uid, create_date, write_uid, write_date)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, now() AT TIME ZONE 'UTC', %s, now() AT TIME ZONE 'UTC')
            ON CONFLICT (vin) DO NOTHING RETURNING id
            """,
            [
                vin,
                data["make"],
                data["model"],
                data["year"] or None,
                data["displacement"] or None,
                data["error_code"],
                json.dumps(data),
                self.env.uid,
                self.env.uid,
            ],
        )
        row = self.env.cr.fetchone()
        return self.sudo().browse(row[0]) if row else self.sudo().search([("vin", "=", vin)], limit=1)

    def _as_decoded(self):
        self.ensure_one()
        decoded = {"source": "vpic"}
        if self.make:
            decoded["make"] = self.make
        if self.model:
            decoded["model"] = self.model
        if self.year:
            decoded["year"] = self.year
        if self.displacement:
            decoded["displacement"] = self.displacement
        return decoded
