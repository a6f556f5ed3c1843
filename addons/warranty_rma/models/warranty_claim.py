import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

# the mixins of warranty.claim must be defined (registered) before it
from . import warranty_claim_lookup, warranty_claim_resolution  # noqa: F401

_logger = logging.getLogger(__name__)

OPEN_STATES = ("draft", "received", "approved")


class WarrantyClaim(models.Model):
    _name = "warranty.claim"
    _description = "Warranty claim (RMA)"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "warranty.claim.resolution",
        "warranty.claim.lookup",
    ]
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, copy=False, default="/", index="trigram")
    company_id = fields.Many2one(related="warranty_id.company_id", store=True, index=True)
    warranty_id = fields.Many2one("warranty.warranty", required=True, index=True, tracking=True, ondelete="restrict")
    partner_id = fields.Many2one(related="warranty_id.partner_id", store=True, index=True)
    commercial_partner_id = fields.Many2one(related="warranty_id.commercial_partner_id", store=True, index=True)
    product_id = fields.Many2one(related="warranty_id.product_id", store=True)
    product_tmpl_id = fields.Many2one(related="warranty_id.product_tmpl_id", store=True)
    brand = fields.Char(related="warranty_id.brand", store=True)
    vendor_id = fields.Many2one(
        "res.partner", string="Supplier", compute="_compute_vendor_id", store=True, readonly=False
    )
    lot_id = fields.Many2one("stock.lot", string="Serial/Lot", help="Serial number on the returned part.")
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit")
    date_claim = fields.Date(string="Claim date", required=True, default=fields.Date.context_today)
    odometer = fields.Float(help="Current odometer of the vehicle when the claim is opened.")
    reason = fields.Text(string="Failure", required=True)
    photo_ids = fields.Many2many("ir.attachment", string="Photos")
    state = fields.Selection(
        [
            ("draft", "Open"),
            ("received", "Received"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("resolved", "Resolved"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    reject_reason = fields.Text(tracking=True)
    resolution = fields.Selection(
        [("replace", "Replacement"), ("refund", "Refund"), ("wallet", "Wallet credit"), ("repair", "Repair")],
        tracking=True,
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse", default=lambda self: self._default_warehouse(), check_company=True
    )
    receipt_picking_id = fields.Many2one("stock.picking", string="Return receipt", readonly=True, copy=False)
    replacement_picking_id = fields.Many2one("stock.picking", string="Replacement delivery", readonly=True, copy=False)
    refund_move_id = fields.Many2one("account.move", string="Credit note", readonly=True, copy=False)
    refund_pos_order_id = fields.Many2one("pos.order", string="POS refund", readonly=True, copy=False)
    wallet_amount = fields.Float(string="Wallet credit", digits="Account", readonly=True, copy=False)
    wallet_reference = fields.Char(readonly=True, copy=False, help="Origin of the wallet movement (wallet_loyalty).")
    wallet_move_id = fields.Many2one(
        "account.move", string="Wallet deposit entry", readonly=True, copy=False, help="Receivable moved to the wallet."
    )
    wallet_available = fields.Boolean(compute="_compute_wallet_available")
    supplier_picking_id = fields.Many2one("stock.picking", string="Return to supplier", readonly=True, copy=False)
    supplier_refund_id = fields.Many2one("account.move", string="Supplier credit note", readonly=True, copy=False)
    supplier_state = fields.Selection(
        [("none", "Not claimed"), ("sent", "Sent to supplier"), ("credited", "Credited")],
        compute="_compute_supplier_state",
        store=True,
    )
    cost = fields.Float(
        compute="_compute_cost", store=True, help="Cost of the resolution for the shop, net of the supplier credit."
    )

    _one_open_claim = models.UniqueIndex(
        "(warranty_id) WHERE state IN ('draft', 'received', 'approved')",
        "This warranty already has an open claim.",
    )
    _quantity_positive = models.Constraint("CHECK (quantity > 0)", "The claimed quantity must be positive.")

    @api.model
    def _default_warehouse(self):
        return self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1)

    @api.depends("product_id")
    def _compute_vendor_id(self):
        for claim in self:
            claim.vendor_id = claim.product_id.seller_ids[:1].partner_id

    def _compute_wallet_available(self):
        available = self.env["res.partner"]._warranty_wallet_installed()
        for claim in self:
            claim.wallet_available = available

    @api.depends("supplier_picking_id", "supplier_refund_id.state")
    def _compute_supplier_state(self):
        for claim in self:
            if claim.supplier_refund_id.state == "posted":
                claim.supplier_state = "credited"
            elif claim.supplier_picking_id:
                claim.supplier_state = "sent"
            else:
                claim.supplier_state = "none"

    @api.depends("state", "resolution", "quantity", "supplier_refund_id.state", "supplier_refund_id.amount_untaxed")
    def _compute_cost(self):
        for claim in self:
            cost = 0.0
            if claim.state in ("resolved", "closed") and claim.resolution in ("replace", "refund", "wallet"):
                unit = (
                    claim.product_id.standard_price if claim.resolution == "replace" else claim.warranty_id.price_unit
                )
                cost = unit * claim.quantity
            if claim.supplier_refund_id.state == "posted":
                cost -= claim.supplier_refund_id.amount_untaxed
            claim.cost = cost

    @api.model_create_multi
    def create(self, vals_list):
        # pending state changes (a claim just cancelled) must reach the database before the partial unique
        # index checks the new claims
        self.flush_model(["state"])
        for vals in vals_list:
            self._check_claimable(vals)
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("warranty.claim") or "/"
        return super().create(vals_list)

    def _check_claimable(self, vals):
        """Refuse a claim the warranty does not cover; lock the warranty so two clerks cannot both claim it."""
        warranty = self.env["warranty.warranty"].browse(vals.get("warranty_id"))
        if not warranty.exists():
            raise UserError(self.env._("There is no sale with a warranty matching this claim."))
        # A no-op UPDATE, not only a lock: a concurrent claim waits here and, once this transaction commits,
        # fails with a serialization error (REPEATABLE READ); Odoo's RPC layer retries it, the retry sees this
        # claim and is refused below. The partial unique index is the last line of defence.
        self.env.cr.execute("UPDATE warranty_warranty SET write_date = write_date WHERE id = %s", [warranty.id])
        warranty.invalidate_recordset(["claim_ids"])
        open_claims = warranty.claim_ids.filtered(lambda c: c.state in OPEN_STATES)
        if open_claims:
            raise UserError(
                self.env._(
                    "The warranty %(name)s already has the open claim %(claim)s.",
                    name=warranty.name,
                    claim=open_claims[0].name,
                )
            )
        date_claim = fields.Date.to_date(vals.get("date_claim")) or fields.Date.context_today(self)
        odometer = vals.get("odometer") or (warranty.vehicle_id.odometer if warranty.vehicle_id else 0.0)
        vals.setdefault("odometer", odometer)
        refusal = warranty._check_coverage(date_claim, odometer)
        if refusal:
            raise UserError(self.env._("Out of warranty: %s", refusal))
        lot = self.env["stock.lot"].browse(vals.get("lot_id"))
        if warranty.lot_id and lot and lot != warranty.lot_id:
            raise UserError(
                self.env._(
                    "The serial %(serial)s does not match the one sold under warranty %(name)s (%(sold)s).",
                    serial=lot.name,
                    name=warranty.name,
                    sold=warranty.lot_id.name,
                )
            )
        if warranty.lot_id and not lot:
            vals["lot_id"] = warranty.lot_id.id
        quantity = vals.get("quantity", 1.0)
        available = warranty.quantity - warranty._claimed_quantity()
        if quantity > available:
            raise UserError(
                self.env._(
                    "You cannot claim %(qty)s units: only %(available)s were sold under warranty %(name)s "
                    "and not claimed yet.",
                    qty=quantity,
                    available=available,
                    name=warranty.name,
                )
            )

    def _compute_access_url(self):
        for claim in self:
            claim.access_url = f"/my/warranty_claims/{claim.id}"

    # ------------------------------------------------------------------ helpers

    def _check_manager(self):
        if not self.env.user.has_group("warranty_rma.group_warranty_rma_manager"):
            raise AccessError(self.env._("Only a warranty manager can inspect and resolve claims."))

    def _filter_state(self, states, action):
        wrong = self.filtered(lambda c: c.state not in states)
        if wrong:
            raise UserError(
                self.env._(
                    "The claim %(name)s cannot be %(action)s in its current state.", name=wrong[0].name, action=action
                )
            )

    def _create_picking(self, picking_type, source, dest, partner, validate=False):
        """One-move picking of the claimed part. Stock documents are made with sudo: the warranty groups
        grant the right to move claimed parts without giving clerks general inventory rights."""
        self.ensure_one()
        picking = (
            self.env["stock.picking"]
            .sudo()
            .with_company(self.company_id)
            .create(
                {
                    "picking_type_id": picking_type.id,
                    "location_id": source.id,
                    "location_dest_id": dest.id,
                    "partner_id": partner.id,
                    "origin": self.name,
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": self.product_id.id,
                                "product_uom_qty": self.quantity,
                                "product_uom": self.product_id.uom_id.id,
                                "location_id": source.id,
                                "location_dest_id": dest.id,
                            }
                        )
                    ],
                }
            )
        )
        picking.action_confirm()
        if validate:
            picking.action_assign()
            move = picking.move_ids
            if self.lot_id and self.product_id.tracking != "none":
                move.move_line_ids.unlink()
                move.move_line_ids = [
                    Command.create(
                        {
                            "product_id": self.product_id.id,
                            "lot_id": self.lot_id.id,
                            "quantity": self.quantity,
                            "location_id": source.id,
                            "location_dest_id": dest.id,
                            "picking_id": picking.id,
                        }
                    )
                ]
            else:
                move.quantity = self.quantity
            move.picked = True
            picking._action_done()
        else:
            picking.action_assign()
        return picking

    # ------------------------------------------------------------------ actions

    def action_receive(self):
        """The customer hands the failed part in: it goes to the warehouse's quarantine location."""
        self._filter_state(["draft"], self.env._("received"))
        for claim in self:
            warehouse = claim.warehouse_id or claim._default_warehouse()
            customer_location = self.env.ref("stock.stock_location_customers")
            claim.receipt_picking_id = claim._create_picking(
                warehouse.in_type_id,
                customer_location,
                warehouse._get_warranty_quarantine_location(),
                claim.partner_id,
                validate=True,
            )
            claim.state = "received"

    def action_approve(self):
        self._check_manager()
        self._filter_state(["received"], self.env._("approved"))
        self.write({"state": "approved"})

    def action_reject(self):
        self._check_manager()
        self._filter_state(["received", "draft"], self.env._("rejected"))
        if self.filtered(lambda c: not c.reject_reason):
            raise UserError(self.env._("Write the reason of the rejection before rejecting the claim."))
        self.write({"state": "rejected"})

    def action_close(self):
        self._filter_state(["resolved", "rejected"], self.env._("closed"))
        self.write({"state": "closed"})

    def action_cancel(self):
        self._filter_state(["draft"], self.env._("cancelled"))
        self.write({"state": "cancelled"})
