import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..lib import ai_suggest

_logger = logging.getLogger(__name__)

PARAM = "autoparts_fitment.ai_"
MAX_ATTEMPTS = 3
BATCH = 10


class FitmentAiJob(models.Model):
    """One request for AI fitment suggestions about a new part, run by a cron after the product's commit.

    Product creation only queues this record (and triggers the cron): the endpoint is asked in the
    cron's own transaction with a short timeout, at most MAX_ATTEMPTS times, so a slow or broken
    endpoint never delays nor fails the product. Suggestions become fitment applications with source
    "ai", a confidence and state "pending" until a catalogue manager approves or rejects them.
    """

    _name = "fitment.ai.job"
    _description = "AI fitment suggestion request"
    _order = "id desc"

    product_tmpl_id = fields.Many2one("product.template", string="Part", required=True, ondelete="cascade")
    state = fields.Selection(
        [("queued", "Queued"), ("done", "Done"), ("failed", "Failed")], default="queued", required=True, index=True
    )
    attempts = fields.Integer(readonly=True)
    next_attempt = fields.Datetime(default=fields.Datetime.now, readonly=True)
    suggestion_count = fields.Integer(string="Suggestions", readonly=True)
    unmatched_count = fields.Integer(string="Not in the catalogue", readonly=True)
    last_error = fields.Char(readonly=True)

    @api.model
    def _settings(self):
        params = self.env["ir.config_parameter"].sudo()  # sudo: technical settings, key read server-side only
        return {
            "enabled": params.get_param(PARAM + "enabled") in ("1", "True", "true"),
            "url": params.get_param(PARAM + "url") or "",
            "key": params.get_param(PARAM + "key") or "",
            "model": params.get_param(PARAM + "model") or "gpt-4o-mini",
            "timeout": float(params.get_param(PARAM + "timeout") or 10),
        }

    @api.model
    def _is_on(self):
        settings = self._settings()
        return settings["enabled"] and bool(settings["url"])

    @api.model
    def _enqueue(self, templates):
        """Queue a request per new part when the feature is on; never raises."""
        try:
            if not templates or not self._is_on():
                return self.browse()
            # sudo: the clerk creating a product may not manage the queue; the job is technical
            return self.sudo()._create_and_trigger(templates)
        except Exception:  # product creation must never fail because of suggestions
            _logger.exception("Could not queue AI fitment suggestions")
            return self.browse()

    @api.model
    def _enqueue_on_request(self, templates):
        """Queue a request per existing part, asked by a catalogue manager (who must know if it is off).

        A part whose request is still queued is not queued twice.
        """
        if not self._is_on():
            raise UserError(
                self.env._(
                    "AI suggestions are off: an administrator turns them on and sets the endpoint in"
                    " Settings > Point of Sale > Auto parts fitment."
                )
            )
        queued = self.search([("product_tmpl_id", "in", templates.ids), ("state", "=", "queued")])
        return self._create_and_trigger(templates - queued.product_tmpl_id)

    @api.model
    def _create_and_trigger(self, templates):
        """One queued request per part, and the cron woken up to answer them after this commit."""
        jobs = self.create([{"product_tmpl_id": t.id} for t in templates])
        if jobs:
            # sudo: waking the cron writes ir.cron.trigger, which clerks and managers cannot write
            self.env.ref("autoparts_fitment.ir_cron_fitment_ai_suggest").sudo()._trigger()
        return jobs

    @api.model
    def _cron_suggest(self):
        self._process_queue(commit=True)

    @api.model
    def _process_queue(self, commit=False):
        """Run the due requests (at most BATCH), each in a savepoint, committing after each in the cron."""
        settings = self._settings()
        if not settings["enabled"]:
            return
        domain = Domain("state", "=", "queued") & Domain("next_attempt", "<=", fields.Datetime.now())
        for job in self.search(domain, limit=BATCH, order="next_attempt, id"):
            job.attempts += 1
            try:
                with self.env.cr.savepoint():
                    job._run(settings)
            except Exception as error:  # a bug here must neither retry forever nor stop the queue
                _logger.exception("AI fitment suggestions for part %s crashed", job.product_tmpl_id.id)
                job._failed(type(error).__name__)
            if commit:
                self.env["ir.cron"]._commit_progress(1, remaining=self.search_count(domain))

    def _run(self, settings):
        """Ask the endpoint once for this part (attempts already counted); on failure retry later."""
        self.ensure_one()
        template = self.product_tmpl_id
        try:
            text = ai_suggest.request_completion(
                settings["url"],
                settings["key"],
                settings["model"],
                ai_suggest.build_messages(self._part_info(template)),
                timeout=settings["timeout"],
            )
            parsed = ai_suggest.parse_suggestions(text)
        except ai_suggest.AiError as error:
            self._failed(str(error))
            return
        created, unmatched = self._store(template, parsed.suggestions)
        self.write(
            {
                "state": "done",
                "suggestion_count": len(created),
                "unmatched_count": unmatched,
                "last_error": False,
            }
        )
        _logger.info(
            "AI fitment suggestions for part %s: %s stored, %s not in the catalogue, %s entries dropped",
            template.id,
            len(created),
            unmatched,
            len(parsed.dropped),
        )

    def _failed(self, reason):
        final = self.attempts >= MAX_ATTEMPTS
        _logger.warning(
            "AI fitment suggestions for part %s failed (attempt %s of %s): %s",
            self.product_tmpl_id.id,
            self.attempts,
            MAX_ATTEMPTS,
            reason,
        )
        self.write(
            {
                "state": "failed" if final else "queued",
                "last_error": reason[:250],
                "next_attempt": fields.Datetime.now() + timedelta(minutes=5 * 2 ** (self.attempts - 1)),
            }
        )

    @api.model
    def _part_info(self, template):
        return {
            "name": template.name,
            "default_code": template.default_code or "",
            "category": template.categ_id.name or "",
            "interchange": ", ".join(template.fitment_interchange_ids.mapped("number")),
            "description": template.description_sale or "",
        }

    @api.model
    def _store(self, template, suggestions):
        """Applications (source ai, pending) for the suggestions matched to catalogue base vehicles."""
        Application = self.env["fitment.application"]
        vals_list, unmatched, seen = [], 0, set()
        for suggestion in suggestions:
            bases = self.env["fitment.base.vehicle"].search(
                [
                    ("make_id.name", "=ilike", suggestion.make),
                    ("model_id.name", "=ilike", suggestion.model),
                    ("year", ">=", suggestion.year_from),
                    ("year", "<=", suggestion.year_to),
                ]
            )
            if not bases:
                unmatched += 1
                continue
            engine = self._engine(bases, suggestion.displacement)
            for base in bases:
                ref = f"{template.id}:{base.id}:{engine.id or 0}:{suggestion.position or ''}"
                if ref in seen:
                    continue
                seen.add(ref)
                vals_list.append(
                    {
                        "product_tmpl_id": template.id,
                        "base_vehicle_id": base.id,
                        "engine_id": engine.id,
                        "position": suggestion.position,
                        "note": suggestion.note,
                        "confidence": suggestion.confidence,
                        "source": "ai",
                        "state": "pending",
                        "external_ref": ref,
                    }
                )
        existing = set(
            Application.search(
                [("source", "=", "ai"), ("external_ref", "in", [v["external_ref"] for v in vals_list])]
            ).mapped("external_ref")
        )
        return Application.create([v for v in vals_list if v["external_ref"] not in existing]), unmatched

    @api.model
    def _engine(self, bases, displacement):
        if not displacement:
            return self.env["fitment.engine"]
        engines = self.env["fitment.vehicle"].search([("base_vehicle_id", "in", bases.ids)]).engine_id
        return engines.filtered(lambda e: abs(e.displacement_l - displacement) < 0.05)[:1]
