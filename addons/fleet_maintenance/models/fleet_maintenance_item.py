from odoo import api, fields, models

from ..lib.due import due_state, next_due

DUE_STATES = [("ok", "Up to date"), ("soon", "Due soon"), ("due", "Due"), ("overdue", "Overdue")]


class FleetMaintenanceItem(models.Model):
    """One plan on one vehicle: when it was last done and when it is next due (by km and by date)."""

    _name = "fleet.maintenance.item"
    _description = "Vehicle maintenance schedule"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state_rank desc, next_due_date, id"
    _rec_name = "plan_id"

    plan_id = fields.Many2one("fleet.maintenance.plan", required=True, ondelete="cascade", index=True)
    vehicle_id = fields.Many2one("fleet.vehicle", required=True, ondelete="cascade", index=True)
    customer_id = fields.Many2one(related="vehicle_id.customer_id", store=True, index="btree_not_null")
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    last_done_km = fields.Float(string="Last service (km)", tracking=True)
    last_done_date = fields.Date(string="Last service date", tracking=True)
    next_due_km = fields.Float(string="Next due (km)", compute="_compute_next_due", store=True)
    next_due_date = fields.Date(string="Next due date", compute="_compute_next_due", store=True)
    odometer = fields.Float(related="vehicle_id.odometer", string="Current odometer")
    km_remaining = fields.Float(compute="_compute_remaining")
    state = fields.Selection(DUE_STATES, default="ok", readonly=True, index=True, tracking=True)
    state_rank = fields.Integer(compute="_compute_state_rank", store=True)
    service_order_id = fields.Many2one("service.order", string="Open service order", copy=False)
    alert_sent_date = fields.Date(copy=False, readonly=True)

    _vehicle_plan_unique = models.Constraint("UNIQUE(plan_id, vehicle_id)", "A plan is scheduled once per vehicle.")

    @api.depends("last_done_km", "last_done_date", "plan_id.interval_km", "plan_id.interval_months")
    def _compute_next_due(self):
        for item in self:
            next_km, next_date = next_due(
                item.last_done_km, item.last_done_date, item.plan_id.interval_km, item.plan_id.interval_months
            )
            item.next_due_km = next_km or 0.0
            item.next_due_date = next_date

    def _compute_remaining(self):
        for item in self:
            item.km_remaining = item.next_due_km - item.odometer if item.plan_id.interval_km else 0.0

    @api.depends("state")
    def _compute_state_rank(self):
        ranks = {key: rank for rank, (key, _label) in enumerate(DUE_STATES)}
        for item in self:
            item.state_rank = ranks.get(item.state, 0)

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items._refresh_state()
        return items

    def write(self, vals):
        res = super().write(vals)
        if {"last_done_km", "last_done_date"} & vals.keys():
            self._refresh_state()
        return res

    def _refresh_state(self, today=None):
        """Recompute the due state (depends on today and the odometer, hence stored and refreshed by cron/odometer).

        The last reading is read from the readings themselves: while a vehicle's `odometer` is being written
        (its inverse creates the reading that calls us), the ORM protects the field and serves the old value.
        """
        today = today or fields.Date.context_today(self)
        last_km = dict(
            self.env["fleet.vehicle.odometer"]._read_group(
                [("vehicle_id", "in", self.vehicle_id.ids)], ["vehicle_id"], ["value:max"]
            )
        )
        self.invalidate_recordset(["odometer"])
        for item in self:
            plan = item.plan_id
            state = due_state(
                last_km.get(item.vehicle_id, 0.0),
                today,
                item.next_due_km if plan.interval_km else None,
                item.next_due_date or None,
                plan.alert_km,
                plan.alert_days,
            )
            if state != item.state:
                item.state = state
                if state == "ok":
                    item.alert_sent_date = False

    def _mark_done(self, odometer, day):
        """The maintenance was done (service order delivered): restart the schedule from there."""
        self.write({"last_done_km": odometer, "last_done_date": day, "service_order_id": False})
        self.activity_ids.action_feedback(feedback=self.env._("Maintenance done."))

    @api.model
    def _cron_check_due(self):
        """Daily: refresh states, then alert (activity + email to the customer) items newly soon/due/overdue."""
        self.search([("plan_id.active", "=", True)])._refresh_state()
        to_alert = self.search(
            [("state", "!=", "ok"), ("alert_sent_date", "=", False), ("service_order_id", "=", False)]
        )
        to_alert._send_alert()
        return True

    def _send_alert(self):
        template = self.env.ref("fleet_maintenance.mail_template_maintenance_due", raise_if_not_found=False)
        for item in self:
            responsible = item.plan_id.user_id or item.vehicle_id.manager_id or self.env.ref("base.user_admin")
            item.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._(
                    "Maintenance %(state)s: %(plan)s", state=dict(DUE_STATES)[item.state], plan=item.plan_id.name
                ),
                user_id=responsible.id,
            )
            if template and item.customer_id.email:
                item.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        self.write({"alert_sent_date": fields.Date.context_today(self)})
