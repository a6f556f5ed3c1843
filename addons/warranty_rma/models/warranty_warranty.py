from odoo import api, fields, models

from ..lib import coverage


class WarrantyWarranty(models.Model):
    _name = "warranty.warranty"
    _description = "Warranty of a sold part"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "date_start desc, id desc"
    _rec_names_search = ["name", "partner_id", "product_id", "lot_id", "origin_ref"]

    name = fields.Char(required=True, readonly=True, copy=False, default="/", index="trigram")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    partner_id = fields.Many2one("res.partner", string="Customer", index=True, tracking=True)
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id", store=True, index=True)
    product_id = fields.Many2one("product.product", required=True, index=True)
    product_tmpl_id = fields.Many2one(related="product_id.product_tmpl_id", store=True)
    categ_id = fields.Many2one(related="product_id.categ_id", store=True)
    brand = fields.Char(related="product_tmpl_id.warranty_brand", store=True)
    vendor_id = fields.Many2one(
        "res.partner", string="Supplier", compute="_compute_vendor_id", store=True, help="Main supplier of the part."
    )
    lot_id = fields.Many2one("stock.lot", string="Serial/Lot", index="btree_not_null")
    vehicle_id = fields.Many2one("fleet.vehicle", index="btree_not_null")
    term_id = fields.Many2one("warranty.term", required=True)
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit")
    price_unit = fields.Float(digits="Product Price", help="Unit price paid by the customer.")
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    date_end = fields.Date(index=True, tracking=True, help="Last covered day (empty: no time limit).")
    odometer_start = fields.Float(help="Vehicle odometer when the part was sold.")
    km_limit = fields.Float(string="Km limit", help="Odometer up to which the part is covered (0: no km limit).")
    pos_order_line_id = fields.Many2one("pos.order.line", index="btree_not_null", readonly=True)
    pos_order_id = fields.Many2one(related="pos_order_line_id.order_id", store=True, index="btree_not_null")
    invoice_line_id = fields.Many2one("account.move.line", index="btree_not_null", readonly=True)
    invoice_id = fields.Many2one(related="invoice_line_id.move_id", store=True, index="btree_not_null")
    origin_ref = fields.Char(string="Origin", readonly=True, index="trigram", help="Receipt or invoice number.")
    origin_key = fields.Char(readonly=True, copy=False, help="Idempotency key of the sale line registering it.")
    claim_ids = fields.One2many("warranty.claim", "warranty_id")
    claim_count = fields.Integer(compute="_compute_claim_count")
    claim_rate = fields.Float(
        string="Claim rate (%)",
        compute="_compute_claim_rate",
        store=True,
        aggregator="avg",
        help="100 when the warranty was claimed (cancelled claims aside), else 0: its average over a group of "
        "warranties is the group's claim rate.",
    )
    state = fields.Selection(
        [("active", "Active"), ("expired", "Expired"), ("cancelled", "Cancelled")],
        compute="_compute_state",
        search="_search_state",
    )
    reminder_sent = fields.Boolean(copy=False)

    _origin_key_unique = models.UniqueIndex(
        "(origin_key) WHERE origin_key IS NOT NULL", "This sale line already registered its warranty."
    )

    @api.depends("claim_ids")
    def _compute_claim_count(self):
        for warranty in self:
            warranty.claim_count = len(warranty.claim_ids)

    @api.depends("claim_ids.state")
    def _compute_claim_rate(self):
        for warranty in self:
            claimed = any(claim.state != "cancelled" for claim in warranty.claim_ids)
            warranty.claim_rate = 100.0 if claimed else 0.0

    @api.depends("product_id")
    def _compute_vendor_id(self):
        for warranty in self:
            # sudo: supplier info is purchase data the warranty clerk may not read; only the partner is kept
            warranty.vendor_id = warranty.product_id.sudo().seller_ids[:1].partner_id

    @api.depends("date_end")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for warranty in self:
            warranty.state = "expired" if warranty.date_end and warranty.date_end < today else "active"

    def _search_state(self, operator, value):
        today = fields.Date.context_today(self)
        active = ["|", ("date_end", "=", False), ("date_end", ">=", today)]
        if operator in ("in", "not in"):
            values = set(value)
        else:
            values = {value}
        if values == {"active"}:
            return active if operator in ("=", "in") else [("date_end", "<", today)]
        if values == {"expired"}:
            return [("date_end", "<", today)] if operator in ("=", "in") else active
        return []

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("warranty.warranty") or "/"
        return super().create(vals_list)

    def _compute_access_url(self):
        for warranty in self:
            warranty.access_url = f"/my/warranties/{warranty.id}"

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Warranty %s", self.name)

    @api.model
    def _prepare_vals(self, term, product, quantity, partner, date_start, vehicle=False, lot=False):
        """Values of a warranty for one sold product (vehicle: a fleet.vehicle or empty)."""
        odometer = vehicle.odometer if vehicle else 0.0
        return {
            "term_id": term.id,
            "product_id": product.id,
            "quantity": quantity,
            "partner_id": partner.id if partner else False,
            "date_start": date_start,
            "date_end": coverage.end_date(date_start, term.months),
            "vehicle_id": vehicle.id if vehicle else False,
            "odometer_start": odometer,
            "km_limit": coverage.km_limit(odometer, term.km),
            "lot_id": lot.id if lot else False,
        }

    @api.model
    def _partner_vehicle(self, partner):
        """The customer's car when the garage holds exactly one (otherwise we cannot tell which)."""
        if not partner:
            return self.env["fleet.vehicle"]
        vehicles = self.env["fleet.vehicle"].sudo().search([("customer_id", "=", partner.id)], limit=2)
        return vehicles if len(vehicles) == 1 else self.env["fleet.vehicle"]

    def _claimed_quantity(self):
        self.ensure_one()
        claims = self.claim_ids.filtered(lambda c: c.state not in ("cancelled", "rejected"))
        return sum(claims.mapped("quantity"))

    def _check_coverage(self, claim_date, odometer):
        """Return the refusal reason (translated) or None."""
        self.ensure_one()
        reason = coverage.refusal(claim_date, self.date_end, odometer, self.km_limit)
        if reason == "date":
            return self.env._("The warranty %(name)s expired on %(date)s.", name=self.name, date=self.date_end)
        if reason == "km":
            return self.env._(
                "The warranty %(name)s covers up to %(limit)s km; the vehicle has %(odometer)s km.",
                name=self.name,
                limit=int(self.km_limit),
                odometer=int(odometer),
            )
        return None

    def action_view_claims(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("warranty_rma.warranty_claim_action")
        action["domain"] = [("warranty_id", "in", self.ids)]
        action["context"] = {"default_warranty_id": self.id}
        return action

    def action_print_certificate(self):
        return self.env.ref("warranty_rma.warranty_certificate_report").report_action(self)

    def action_send_certificate(self):
        self.ensure_one()
        template = self.env.ref("warranty_rma.warranty_certificate_mail_template")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
            },
        }

    @api.model
    def _cron_remind_expiring(self, days=15):
        """Schedule an activity and email the customer before the warranty expires."""
        today = fields.Date.context_today(self)
        limit = fields.Date.add(today, days=days)
        warranties = self.search([("date_end", ">=", today), ("date_end", "<=", limit), ("reminder_sent", "=", False)])
        template = self.env.ref("warranty_rma.warranty_expiry_mail_template", raise_if_not_found=False)
        for warranty in warranties:
            warranty.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=warranty.date_end,
                summary=self.env._("Warranty %(name)s expires on %(date)s", name=warranty.name, date=warranty.date_end),
                user_id=warranty.create_uid.id or self.env.uid,
            )
            if template and warranty.partner_id.email:
                warranty.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        warranties.reminder_sent = True
        return warranties
