import logging
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain

from ..lib.stage_machine import skipped_required_stages
from ..lib.whatsapp import click_to_chat_url

_logger = logging.getLogger(__name__)

FUEL_LEVELS = [("empty", "Empty"), ("quarter", "1/4"), ("half", "1/2"), ("three_quarters", "3/4"), ("full", "Full")]

# who may see an order (the record rule of technicians reads technician_id) and the customer's approval
# as recorded at the counter: set by a service advisor or the workshop manager, never by a technician
ADVISOR_FIELDS = frozenset({"technician_id", "quote_approved_by", "quote_approval_method", "quote_signature"})
# set only by the quote actions (send, approve, reject) and by the customer's approval on the portal
QUOTE_STATE_FIELDS = frozenset({"quote_state", "quote_approval_date"})


class ServiceOrder(models.Model):
    """A workshop service order on a customer's vehicle.

    Delegates to ``repair.order`` (``_inherits``): the parts, their reservation/consumption as stock moves,
    the sale order and repair's state machine are Odoo's; this model adds the vehicle, the kanban stages
    with history, labour, check-in and the customer's quote approval.
    """

    _name = "service.order"
    _description = "Workshop service order"
    _inherits = {"repair.order": "repair_id"}
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
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
    sla_warned = fields.Boolean(string="SLA warning sent", copy=False, readonly=True)
    is_sla_late = fields.Boolean(string="SLA exceeded", compute="_compute_is_sla_late", search="_search_is_sla_late")
    stage_history_ids = fields.One2many("service.order.stage.history", "order_id", string="Stage history")
    technician_id = fields.Many2one(
        "res.users",
        tracking=True,
        index="btree_not_null",
        help="Assigned by a service advisor or the workshop manager: the technician sees and works on this order.",
    )
    labour_ids = fields.One2many("service.order.labour", "order_id", string="Labour lines")
    currency_id = fields.Many2one(related="company_id.currency_id")
    parts_amount = fields.Monetary(string="Parts amount", compute="_compute_amounts", store=True)
    labour_amount = fields.Monetary(string="Labour amount", compute="_compute_amounts", store=True)
    amount_total = fields.Monetary(string="Total (untaxed)", compute="_compute_amounts", store=True)
    # check-in
    checkin_odometer = fields.Float(string="Odometer at check-in", copy=False)
    fuel_level = fields.Selection(FUEL_LEVELS, copy=False)
    complaint = fields.Text(string="Customer complaint")
    photo_ids = fields.Many2many("ir.attachment", string="Check-in photos", copy=False)
    service_type_id = fields.Many2one("service.order.type", string="Service type", tracking=True)
    checklist_line_ids = fields.One2many("service.order.checklist.line", "order_id", string="Check-in checklist")
    # purchase requests (RFQs) raised for parts missing in stock
    purchase_order_ids = fields.Many2many(
        "purchase.order", string="Purchase requests", copy=False, readonly=True, groups="base.group_user"
    )
    purchase_count = fields.Integer(compute="_compute_purchase_count", groups="base.group_user")
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

    def _compute_access_url(self):
        for order in self:
            order.access_url = f"/my/service_order/{order.id}"

    @api.depends("purchase_order_ids")
    def _compute_purchase_count(self):
        for order in self:
            # sudo: a count only; technicians and advisors may have no right to read purchase orders
            order.purchase_count = len(order.sudo().purchase_order_ids)

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
        for vals in vals_list:
            if vals.get("quote_state", "draft") != "draft" or vals.get("quote_approval_date"):
                self._check_protected_fields(QUOTE_STATE_FIELDS)
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
        orders.filtered("service_type_id")._sync_checklist()
        return orders

    def write(self, vals):
        self._check_protected_fields(vals.keys())
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
        if "service_type_id" in vals:
            self._sync_checklist()
        return res

    def _check_protected_fields(self, field_names):
        """Refuse a technician the assignment and the quote approval, and everybody a quote state written by hand.

        RPC reaches write() directly: the form's readonly attributes are no boundary.
        """
        if self.env.su:
            return  # the quote actions and the portal approval write these after their own checks
        if QUOTE_STATE_FIELDS & set(field_names):
            raise AccessError(
                self.env._(
                    "The quote state changes only through Send quote, Approve quote and Reject quote, "
                    "or when the customer approves it on the portal."
                )
            )
        if ADVISOR_FIELDS & set(field_names):
            self._check_advisor()

    def _is_advisor(self):
        return self.env.su or self.env.user.has_group("service_orders.group_service_orders_user")

    def _check_advisor(self):
        if not self._is_advisor():
            raise AccessError(
                self.env._(
                    "Only a service advisor or the workshop manager assigns technicians, approves or rejects "
                    "quotes, bills and cancels service orders."
                )
            )

    def _sync_checklist(self):
        """Add the checklist items of the service type; drop unanswered lines of another type's items."""
        for order in self:
            items = order.service_type_id.checklist_item_ids
            stale = order.checklist_line_ids.filtered(lambda line, i=items: line.item_id not in i and not line.result)
            missing = items - order.checklist_line_ids.item_id
            order.write(
                {
                    "checklist_line_ids": [Command.unlink(line.id) for line in stale.filtered("item_id")]
                    + [
                        Command.create(
                            {"item_id": i.id, "name": i.name, "sequence": i.sequence, "is_required": i.is_required}
                        )
                        for i in missing
                    ]
                }
            )

    # ------------------------------------------------------------------ stage machine
    def _stage_by_code(self, code):
        return self.env["service.order.stage"].search([("code", "=", code)], limit=1)

    def _move_to_stage(self, target):
        """Validate the jump, run the stage's side effect on repair, log history; may redirect the order."""
        self.ensure_one()
        self.check_access("write")  # before any side effect on repair, stock or purchase
        if target.code == "cancelled":
            self._check_advisor()
        # two clerks moving the same order at once must not consume its parts twice: serialize on the row
        self.env.cr.execute("SELECT id FROM service_order WHERE id = %s FOR UPDATE", [self.id], log_exceptions=False)
        self.invalidate_recordset()
        if self.stage_id == target:
            return True  # someone else moved it there meanwhile: nothing to do
        self._check_stage_transition(target)
        target = self._apply_stage_effects(target)
        now = fields.Datetime.now()
        # sudo: the history is written by the stage machine only (nobody writes it by hand), for the order
        # whose write access was checked above
        self.sudo().stage_history_ids.filtered(lambda h: not h.date_out).write({"date_out": now})
        self._open_stage_history(target, now)
        res = super().write({"stage_id": target.id, "stage_date_in": now, "sla_warned": False})
        if target.code == "ready":
            self._notify_ready()
        return res

    def _open_stage_history(self, stage, date_in):
        # sudo: history lines are written by the stage machine only, as the user who moved the order
        self.env["service.order.stage.history"].sudo().create(
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
        self._check_checklist_done(target)
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

    def _check_checklist_done(self, target):
        """The vehicle cannot go past reception while a required check-in point is unanswered."""
        received = self._stage_by_code("received")
        if not received or target.sequence <= received.sequence:
            return
        pending = self.checklist_line_ids.filtered(lambda line: line.is_required and not line.result)
        if pending:
            raise UserError(
                self.env._(
                    "Complete the check-in checklist of %(order)s first: %(checks)s.",
                    order=self.name,
                    checks=", ".join(pending.mapped("name")),
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
        """Raise a purchase request (draft RFQ per vendor) for the missing parts and tell purchasing."""
        lines = ", ".join(f"{m.product_id.display_name} ({m.product_uom_qty - m.quantity:g})" for m in missing)
        purchases, no_vendor = self._create_purchase_requests(missing)
        body = self.env._("Parts missing, order waiting for parts: %(parts)s", parts=lines)
        if purchases:
            body += " " + self.env._("Purchase requests: %(rfqs)s", rfqs=", ".join(purchases.mapped("name")))
        if no_vendor:
            body += " " + self.env._("No vendor for: %(parts)s", parts=", ".join(no_vendor.mapped("display_name")))
        self.message_post(body=body)
        purchase_user = self.env.ref("purchase.group_purchase_user", raise_if_not_found=False)
        responsible = self.user_id or self.env.user
        if purchase_user and purchase_user.user_ids:
            responsible = purchase_user.user_ids[0]
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Buy missing parts"),
            note=body,
            user_id=responsible.id,
        )

    def _create_purchase_requests(self, missing):
        """Draft RFQs (one per vendor) for what is missing and not already requested by this order.

        Returns (purchase orders touched, products without vendor). Parts already on an open request of the
        order (ordered and not received yet) are not requested again.
        """
        # sudo: a technician or advisor raises the request without purchase rights; a buyer confirms it
        purchase_order = self.env["purchase.order"].sudo().with_company(self.company_id)
        open_lines = self.purchase_order_ids.sudo().filtered(lambda po: po.state != "cancel").order_line
        touched, no_vendor = purchase_order, self.env["product.product"]
        for product in missing.product_id:
            moves = missing.filtered(lambda m, p=product: m.product_id == p)
            needed = sum(m.product_uom._compute_quantity(m.product_uom_qty - m.quantity, product.uom_id) for m in moves)
            requested = sum(
                line.product_uom_id._compute_quantity(line.product_qty - line.qty_received, product.uom_id)
                for line in open_lines.filtered(lambda line, p=product: line.product_id == p)
            )
            to_buy = needed - requested
            if product.uom_id.compare(to_buy, 0) <= 0:
                continue
            seller = product.with_company(self.company_id)._select_seller(quantity=to_buy, uom_id=product.uom_id)
            if not seller:
                no_vendor |= product
                continue
            rfq = (self.purchase_order_ids.sudo() | touched).filtered(
                lambda po, v=seller.partner_id: po.partner_id == v and po.state == "draft"
            )[:1]
            line_vals = {"product_id": product.id, "product_qty": to_buy, "product_uom_id": product.uom_id.id}
            if rfq:
                rfq.order_line = [Command.create(line_vals)]
            else:
                rfq = purchase_order.create(
                    {
                        "partner_id": seller.partner_id.id,
                        "company_id": self.company_id.id,
                        "origin": self.name,
                        "order_line": [Command.create(line_vals)],
                    }
                )
            touched |= rfq
        if touched:
            # sudo: linking reads the purchase orders, which a technician may not read
            self.sudo().purchase_order_ids = [Command.link(po.id) for po in touched]
        return touched, no_vendor

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
        self._check_advisor()
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
        """Mark the quote sent and send the customer the link of its portal page, where it can approve it."""
        self.check_access("write")
        for order in self.filtered(lambda o: o.quote_state in ("draft", "sent")):
            order._portal_ensure_token()
            url = order.get_base_url() + order.get_portal_url()
            order.message_post(
                body=Markup(
                    self.env._(
                        "Your quote %(order)s is ready: <a href='%(url)s'>review and approve it here</a>.",
                        order=escape(order.name),
                        url=escape(url),
                    )
                ),
                partner_ids=order.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        # sudo: the quote state is written by its actions only (see _check_protected_fields)
        self.sudo().filtered(lambda o: o.quote_state == "draft").write({"quote_state": "sent"})
        return True

    def _approve_from_portal(self, approved_by):
        """The customer approved the quote on its portal page (access token checked by the controller)."""
        self.ensure_one()
        # sudo: the customer is no workshop user; the controller checked its token or portal rights
        order = self.sudo()
        if order.quote_state not in ("draft", "sent"):
            raise UserError(self.env._("The quote of %(order)s can no longer be approved.", order=order.name))
        order.write({"quote_approved_by": approved_by, "quote_approval_method": "portal"})
        order.action_approve_quote()
        order.message_post(body=self.env._("Quote approved on the portal by %(name)s.", name=approved_by))

    def action_approve_quote(self):
        """The customer approved the quote (signature at the counter, phone, WhatsApp) as recorded by the advisor."""
        self._check_advisor()
        self.check_access("write")
        for order in self:
            if order.quote_state == "approved":
                continue
            if not order.quote_approved_by or not order.quote_approval_method:
                raise UserError(self.env._("Record who approved the quote of %(order)s and how.", order=order.name))
            if order.quote_approval_method == "signature" and not order.quote_signature:
                raise UserError(self.env._("The customer's signature is missing on %(order)s.", order=order.name))
        # sudo: the quote state is written by its actions only, after the checks above
        self.sudo().filtered(lambda o: o.quote_state != "approved").write(
            {"quote_state": "approved", "quote_approval_date": fields.Datetime.now()}
        )
        return True

    def action_reject_quote(self):
        self._check_advisor()
        self.check_access("write")
        # sudo: the quote state is written by its actions only, after the checks above
        self.sudo().write({"quote_state": "rejected"})
        return True

    def action_create_sale_order(self):
        """Bill through Odoo's repair → sale order path; labour lines are added to the quotation."""
        self.ensure_one()
        self._check_advisor()
        # a double click or two clerks billing at once must not create two quotations: serialize on repair's row
        self.env.cr.execute(
            "SELECT id FROM repair_order WHERE id = %s FOR NO KEY UPDATE", [self.repair_id.id], log_exceptions=False
        )
        self.invalidate_recordset()
        self.repair_id.invalidate_recordset()
        if self.sale_order_id:
            return self.action_view_sale_order()
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

    def action_request_parts(self):
        """Button: raise purchase requests for the parts that cannot be reserved now."""
        for order in self:
            if order.state == "draft":
                order.repair_id._action_repair_confirm()
            missing = order._reserve_parts()
            if not missing:
                raise UserError(self.env._("All the parts of %(order)s are in stock.", order=order.name))
            order._request_missing_parts(missing)
        return True

    def action_view_purchase_requests(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "name": self.env._("Purchase requests"),
            "view_mode": "list,form",
            "domain": [("id", "in", self.purchase_order_ids.ids)],
        }

    def action_open_whatsapp(self):
        self.ensure_one()
        if not self.whatsapp_url:
            raise UserError(self.env._("The customer of %(order)s has no valid phone number.", order=self.name))
        return {"type": "ir.actions.act_url", "url": self.whatsapp_url, "target": "new"}

    @api.model
    def _cron_sla_warning(self):
        """Hourly: give the advisor (or the technician) an activity for each order stuck past its stage's SLA."""
        late = self.search([("is_sla_late", "=", True), ("sla_warned", "=", False)])
        for order in late:
            responsible = order.user_id or order.technician_id or self.env.ref("base.user_admin")
            order.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("SLA exceeded in %(stage)s", stage=order.stage_id.name),
                note=self.env._(
                    "Order %(order)s has been in %(stage)s since %(since)s (SLA %(hours)s h).",
                    order=order.name,
                    stage=order.stage_id.name,
                    since=fields.Datetime.to_string(order.stage_date_in),
                    hours=f"{order.stage_id.sla_hours:g}",
                ),
                user_id=responsible.id,
            )
        late.write({"sla_warned": True})
        return True

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
