from odoo import api, fields, models
from odoo.fields import Domain

from ..lib.normalize import normalize_part_number


class ProductTemplate(models.Model):
    _inherit = "product.template"

    fitment_universal = fields.Boolean(
        string="Universal part", help="Fits any vehicle (fluids, bulbs, wipers...): shown for every vehicle"
    )
    fitment_application_ids = fields.One2many("fitment.application", "product_tmpl_id", string="Applications")
    fitment_interchange_ids = fields.One2many("fitment.interchange", "product_tmpl_id", string="Interchange numbers")
    fitment_application_count = fields.Integer(compute="_compute_fitment_application_count")
    fitment_interchange = fields.Char(
        string="Interchange number",
        compute="_compute_fitment_interchange",
        search="_search_fitment_interchange",
        help="Search parts by any of their numbers (OEM or other brands), ignoring case, spaces and dashes",
    )

    # the few universal parts, read by product.product.fitment_parts_for_vehicle for every vehicle
    _fitment_universal_idx = models.Index("(id) WHERE fitment_universal AND active")

    @api.model_create_multi
    def create(self, vals_list):
        templates = super().create(vals_list)
        # only queues a request (when enabled): the endpoint is asked by a cron after this commit
        self.env["fitment.ai.job"]._enqueue(templates)
        return templates

    def action_fitment_ai_suggest(self):
        """Ask the AI endpoint for the vehicles these existing parts fit (queued, answered by the cron)."""
        jobs = self.env["fitment.ai.job"]._enqueue_on_request(self)
        message = self.env._(
            "%(count)s part(s) queued for AI suggestions; they will appear in Suggestions to review.",
            count=len(jobs),
        )
        if len(jobs) < len(self):
            message += " " + self.env._("%(count)s already had a request queued.", count=len(self) - len(jobs))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "info", "message": message, "sticky": False},
        }

    def _compute_fitment_application_count(self):
        counts = dict(
            self.env["fitment.application"]._read_group(
                [("product_tmpl_id", "in", self.ids), ("state", "=", "approved")],
                ["product_tmpl_id"],
                ["__count"],
            )
        )
        for template in self:
            template.fitment_application_count = counts.get(template, 0)

    @api.depends("fitment_interchange_ids.number")
    def _compute_fitment_interchange(self):
        for template in self:
            template.fitment_interchange = ", ".join(template.fitment_interchange_ids.mapped("number"))

    def _search_fitment_interchange(self, operator, value):
        if operator not in ("=", "ilike") or not isinstance(value, str):
            return NotImplemented
        normalized = normalize_part_number(value)
        if not normalized:
            return Domain.FALSE
        number_domain = (
            [("number_normalized", "=", normalized)] if operator == "=" else [("number_normalized", "like", normalized)]
        )
        return Domain("fitment_interchange_ids", "any", number_domain)
