import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain

from ..lib.stage_machine import skipped_required_stages
from ..lib.whatsapp import click_to_chat_url

_logger = logging.getLogger(__name__)

FUEL_LEVELS = [("empty", "Empty"), ("quarter", "1/4"), ("half", "1/2"), ("three_quarters", "3/4"), ("full", "Full")]


class ServiceOrder(models.Model):
    """A workshop service order on a customer's vehicle.

    Delegates to ``repair.order`` (``_inherits``): the parts, their reservation/consumption as stock moves,
    the sale order and repair's state machine are Odoo's; this model adds the vehicle, the kanban stages
    with history, labour, check-in and the customer's quote approval.
    """

    _name = "service.order"
    _description = "Workshop service order"
    _inherits = {"repair.order": "repair_id"}
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority desc, id desc"
    _rec_name = "name"

    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade", index=True)
    vehicle_id = fields.Many2one("fleet.vehicle", tracking=True, index="btree_not_null")
    stage_id = fields.Many2one(
        "service.order.stage",
        tracking=True,
        index=True,
        copy=False,
        group_expand="_read_group_expand_stages",
        default=lambda self: self._default_stage(),
    )
    stage_code = fields.Selection(related="stage_id.code")
    stage_date_in = fields.Datetime(string="In stage since", copy=False, readonly=True)
    is_sla_late = fields.Boolean(string="SLA exceeded", compute="_compute_is_sla_late", search="_search_is_sla_late")
    stage_history_ids = fields.One2many("service.order.stage.history", "order_id", string="Stage history")
    technician_id = fields.Many2one("res.users", tracking=True, index="btree_not_null")
    labour_ids = fields.One2many("service.order.labour", "order_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    parts_amount = fields.Monetary(string="Parts", compute="_compute_amounts", store=True)
    labour_amount = fields.Monetary(string="Labour", compute="_compute_amounts", store=True)
    amount_total = fields.Monetary(string="Total (untaxed)", compute="_compute_amounts", store=True)
    # check-in
    checkin_odometer = fields.Float(string="Odometer at check-in", copy=False)
    fuel_level = fields.Selection(FUEL_LEVELS, copy=False)
    complaint = fields.Text(string="Customer complaint")
    photo_ids = fields.Many2many("ir.attachment", string="Check-in photos", copy=False)
    checklist = fields.Html(string="Check-in checklist", copy=False)
    # quote approval
    quote_state = fields.Selection(
        [("draft", "Not sent"), ("sent", "Sent"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="draft",
        tracking=True,
        copy=False,
    )
    quote_approved_by = fields.Char(string="Approved by", copy=False)
    quote_approval_date = fields.Datetime(string="Approved on", copy=False, readonly=True)
    quote_approval_method = fields.Selection(
        [
            ("signature", "Signature at the counter"),
            ("portal", "Customer portal"),
            ("phone", "Phone"),
            ("whatsapp", "WhatsApp"),
        ],
        string="Approved via",
        copy=False,
    )
    quote_signature = fields.Binary(string="Signature", copy=False, attachment=True)
    delivery_date = fields.Datetime(copy=False, readonly=True)
    whatsapp_url = fields.Char(string="WhatsApp link", compute="_compute_whatsapp_url")

    # ------------------------------------------------------------------ defaults / computes
    def _default_stage(self):
        return self.env["service.order.stage"].search([], limit=1)

    @api.model
    def _read_group_expand_stages(self, stages, domain):
        return stages.search([])

    @api.depends(
        "move_ids.product_uom_qty",
        "move_ids.product_id",
        "move_ids.repair_line_type",
        "move_ids.state",
        "labour_ids.subtotal",
    )
    def _compute_amounts(self):
        for order in self:
            parts = order.move_ids.filtered(lambda m: m.repair_line_type == "add" and m.state != "cancel")
            order.parts_amount = sum(m.product_uom_qty * m.product_id.lst_price for m in parts)
            order.labour_amount = sum(order.labour_ids.mapped("subtotal"))
            order.amount_total = order.parts_amount + order.labour_amount

    @api.depends("stage_date_in", "stage_id.sla_hours")
    def _compute_is_sla_late(self):
        now = fields.Datetime.now()
        for order in self:
            sla = order.stage_id.sla_hours
            order.is_sla_late = bool(sla and order.stage_date_in and order.stage_date_in + timedelta(hours=sla) < now)

    def _search_is_sla_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        now = fields.Datetime.now()
        late = Domain.OR(
            Domain("stage_id", "=", stage.id) & Domain("stage_date_in", "<", now - timedelta(hours=stage.sla_hours))
            for stage in self.env["service.order.stage"].search([("sla_hours", ">", 0)])
        )
        return late if (operator == "=") == value else ~late

    @api.depends("partner_id.phone", "name", "vehicle_id", "stage_id")
    def _compute_whatsapp_url(self):
        for order in self:
            order.whatsapp_url = click_to_chat_url(order.partner_id.phone, order._ready_message())

    def _ready_message(self):
        self.ensure_one()
        return self.env._(
            "Hello %(customer)s, your vehicle %(vehicle)s (order %(order)s) is ready for pickup. Total: %(total)s.",
            customer=self.partner_id.name or "",
            vehicle=self.vehicle_id.display_name or "",
            order=self.name,
            total=f"{self.currency_id.symbol or '$'}{self.amount_total:,.2f}",
        )

    # ------------------------------------------------------------------ onchange / constraints
    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id.customer_id:
            self.partner_id = self.vehicle_id.customer_id

    @api.constrains("checkin_odometer")
    def _check_checkin_odometer(self):
        for order in self:
            if order.checkin_odometer < 0:
                raise ValidationError(self.env._("The odometer cannot be negative."))

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        vehicles = self.env["fleet.vehicle"].browse([v["vehicle_id"] for v in vals_list if v.get("vehicle_id")])
        for vals in vals_list:
            vehicle = vehicles.filtered(lambda v, vals=vals: v.id == vals.get("vehicle_id"))
            if vehicle.customer_id and not vals.get("partner_id"):
                vals["partner_id"] = vehicle.customer_id.id
            vals.setdefault("stage_date_in", fields.Datetime.now())
        orders = super().create(vals_list)
        for order in orders:
            if order.stage_id:
                order._open_stage_history(order.stage_id, order.stage_date_in)
            if order.checkin_odometer:
                order._register_odometer()
        return orders

    def write(self, vals):
        if "stage_id" in vals:
            target = self.env["service.order.stage"].browse(vals["stage_id"])
            for order in self:
                if order.stage_id != target:
                    order._move_to_stage(target)
            vals = {k: v for k, v in vals.items() if k != "stage_id"}
            if not vals:
                return True
        res = super().write(vals)
        if vals.get("checkin_odometer"):
            self._register_odometer()
        return res

    # ------------------------------------------------------------------ stage machine
    def _stage_by_code(self, code):
        return self.env["service.order.stage"].search([("code", "=", code)], limit=1)

    def _move_to_stage(self, target):
        """Validate the jump, run the stage's side effect on repair, log history; may redirect the order."""
        self.ensure_one()
        # two clerks moving the same order at once must not consume its parts twice: serialize on the row
        self.env.cr.execute("SELECT id FROM service_order WHERE id = %s FOR UPDATE", [self.id])
        self.invalidate_recordset()
        self._check_stage_transition(target)
        target = self._apply_stage_effects(target)
        now = fields.Datetime.now()
        self.stage_history_ids.filtered(lambda h: not h.date_out).write({"date_out": now})
        self._open_stage_history(target, now)
        res = super().write({"stage_id": target.id, "stage_date_in": now})
        if target.code == "ready":
            self._notify_ready()
        return res

    def _open_stage_history(self, stage, date_in):
        self.env["service.order.stage.history"].create(
            {"order_id": self.id, "stage_id": stage.id, "date_in": date_in, "user_id": self.env.uid}
        )

    def _check_stage_transition(self, target):
        if self.stage_code in ("delivered", "cancelled"):
            raise UserError(
                self.env._(
                    "Order %(order)s is closed (%(stage)s); it cannot change stage.",
                    order=self.name,
                    stage=self.stage_id.name,
                )
            )
        if target.code == "cancelled":
            return
        if self.state == "done" and target.sequence < self.stage_id.sequence:
            raise UserError(
                self.env._(
                    "Order %(order)s is already repaired and its parts consumed; it cannot go back.", order=self.name
                )
            )
        stages = self.env["service.order.stage"].search([("code", "!=", "cancelled")])
        visited = set(self.stage_history_ids.stage_id.ids)
        skipped = skipped_required_stages(
            [(s.id, s.sequence, s.is_required) for s in stages], self.stage_id.id, target.id, visited
        )
        if skipped:
            raise UserError(
                self.env._(
                    "Order %(order)s cannot go to %(target)s without going through: %(skipped)s.",
                    order=self.name,
                    target=target.name,
                    skipped=", ".join(self.env["service.order.stage"].browse(skipped).mapped("name")),
                )
            )

    def _apply_stage_effects(self, target):
        code = target.code
        if code in ("waiting_parts", "repair", "quality_check") and self.state == "draft":
            self.repair_id._action_repair_confirm()
        if code == "repair":
            if self.quote_state != "approved":
                raise UserError(
                    self.env._(
                        "The customer must approve the quote of %(order)s before the repair starts.", order=self.name
                    )
                )
            missing = self._reserve_parts()
            if missing:
                self._request_missing_parts(missing)
                return self._stage_by_code("waiting_parts") or target
            if self.state == "confirmed":
                self.repair_id.action_repair_start()
        elif code == "ready":
            self._consume_parts()
        elif code == "delivered":
            if self.state != "done":
                raise UserError(self.env._("Order %(order)s must be ready before it is delivered.", order=self.name))
            self.delivery_date = fields.Datetime.now()
        elif code == "cancelled":
            self.repair_id.action_repair_cancel()
        return target

    # ------------------------------------------------------------------ parts
    def _part_moves(self):
        return self.move_ids.filtered(lambda m: m.repair_line_type == "add" and m.state not in ("cancel", "done"))

    def _reserve_parts(self):
        """Reserve the parts; return the moves that could not be fully reserved (storable products only)."""
        moves = self._part_moves()
        moves.filtered(lambda m: m.state in ("confirmed", "partially_available", "waiting"))._action_assign()
        return moves.filtered(
            lambda m: m.product_id.is_storable and m.product_uom.compare(m.quantity, m.product_uom_qty) < 0
        )

    def _request_missing_parts(self, missing):
        """Tell the advisor which parts are missing and ask purchasing to replenish them."""
        lines = ", ".join(f"{m.product_id.display_name} ({m.product_uom_qty - m.quantity:g})" for m in missing)
        self.message_post(body=self.env._("Parts missing, order waiting for parts: %(parts)s", parts=lines))
        purchase_user = self.env.ref("purchase.group_purchase_user", raise_if_not_found=False)
        responsible = self.user_id or self.env.user
        if purchase_user and purchase_user.user_ids:
            responsible = purchase_user.user_ids[0]
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Buy missing parts"),
            note=lines,
            user_id=responsible.id,
        )

    def _consume_parts(self):
        """Finish the repair: every part must be reserved in full, then repair consumes them (stock moves done)."""
        if self.state == "confirmed":
            self.repair_id.action_repair_start()
        missing = self._reserve_parts()
        if missing:
            raise UserError(
                self.env._(
                    "Not enough stock to consume the parts of %(order)s: %(parts)s.",
                    order=self.name,
                    parts=", ".join(missing.product_id.mapped("display_name")),
                )
            )
        if self.state == "under_repair":
            self.repair_id.action_repair_end()

    # ------------------------------------------------------------------ actions
    def action_next_stage(self):
        for order in self:
            stages = self.env["service.order.stage"].search([("code", "!=", "cancelled")])
            following = stages.filtered(
                lambda s, o=order: s.sequence > o.stage_id.sequence and s.code != "waiting_parts"
            )
            if not following:
                raise UserError(self.env._("Order %(order)s is already in its last stage.", order=order.name))
            order.stage_id = following[0]
        return True

    def action_cancel_order(self):
        self.stage_id = self._stage_by_code("cancelled")
        return True

    def action_check_parts(self):
        for order in self:
            if order.state == "draft":
                order.repair_id._action_repair_confirm()
            missing = order._reserve_parts()
            if missing and order.stage_code != "waiting_parts":
                order.stage_id = order._stage_by_code("waiting_parts")
                order._request_missing_parts(missing)
        return True

    def action_send_quote(self):
        self.filtered(lambda o: o.quote_state == "draft").write({"quote_state": "sent"})
        return True

    def action_approve_quote(self):
        for order in self:
            if order.quote_state == "approved":
                continue
            if not order.quote_approved_by or not order.quote_approval_method:
                raise UserError(self.env._("Record who approved the quote of %(order)s and how.", order=order.name))
            if order.quote_approval_method == "signature" and not order.quote_signature:
                raise UserError(self.env._("The customer's signature is missing on %(order)s.", order=order.name))
        self.filtered(lambda o: o.quote_state != "approved").write(
            {"quote_state": "approved", "quote_approval_date": fields.Datetime.now()}
        )
        return True

    def action_reject_quote(self):
        self.write({"quote_state": "rejected"})
        return True

    def action_create_sale_order(self):
        """Bill through Odoo's repair → sale order path; labour lines are added to the quotation."""
        self.ensure_one()
        action = self.repair_id.action_create_sale_order()
        sale = self.sale_order_id
        sale.write({"order_line": [Command.create(vals) for vals in self._prepare_labour_sale_lines()]})
        return action

    def _prepare_labour_sale_lines(self):
        return [
            {
                "product_id": line.product_id.id,
                "name": line.name or line.product_id.display_name,
                "product_uom_qty": line.hours,
                "price_unit": line.rate,
            }
            for line in self.labour_ids
        ]

    def action_view_sale_order(self):
        return self.repair_id.action_view_sale_order()

    def action_open_whatsapp(self):
        self.ensure_one()
        if not self.whatsapp_url:
            raise UserError(self.env._("The customer of %(order)s has no valid phone number.", order=self.name))
        return {"type": "ir.actions.act_url", "url": self.whatsapp_url, "target": "new"}

    # ------------------------------------------------------------------ business
    def _register_odometer(self):
        """Write the check-in reading on the vehicle's odometer log; readings never go backwards."""
        for order in self.filtered(lambda o: o.vehicle_id and o.checkin_odometer):
            last = order.vehicle_id.odometer
            if order.checkin_odometer < last:
                raise ValidationError(
                    self.env._(
                        "The odometer of %(vehicle)s cannot go backwards: last reading %(last)s, entered %(new)s.",
                        vehicle=order.vehicle_id.display_name,
                        last=f"{last:,.0f}",
                        new=f"{order.checkin_odometer:,.0f}",
                    )
                )
            if order.checkin_odometer > last:
                self.env["fleet.vehicle.odometer"].create(
                    {"vehicle_id": order.vehicle_id.id, "value": order.checkin_odometer}
                )
                # fleet's odometer is a non-stored compute without dependencies: drop the cached value
                order.vehicle_id.invalidate_recordset(["odometer"])

    def _notify_ready(self):
        template = self.env.ref("service_orders.mail_template_service_order_ready", raise_if_not_found=False)
        if template and self.partner_id.email:
            self.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
