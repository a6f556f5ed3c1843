import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

_logger = logging.getLogger(__name__)

OPEN_STATES = ("draft", "received", "approved")


class WarrantyClaim(models.Model):
    _name = "warranty.claim"
    _description = "Warranty claim (RMA)"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
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

    def action_replace(self):
        self._check_manager()
        self._filter_state(["approved"], self.env._("resolved"))
        for claim in self:
            warehouse = claim.warehouse_id or claim._default_warehouse()
            claim.replacement_picking_id = claim._create_picking(
                warehouse.out_type_id,
                warehouse.lot_stock_id,
                self.env.ref("stock.stock_location_customers"),
                claim.partner_id,
            )
            claim.write({"state": "resolved", "resolution": "replace"})

    def action_refund(self):
        self._check_manager()
        self._filter_state(["approved"], self.env._("resolved"))
        for claim in self:
            if claim._origin_invoice_line():
                claim.refund_move_id = claim._create_credit_note()
            elif claim.warranty_id.pos_order_line_id:
                claim.refund_pos_order_id = claim._create_pos_refund()
            else:
                raise UserError(
                    self.env._("The sale of claim %s cannot be refunded: it has no invoice nor POS order.", claim.name)
                )
            claim.write({"state": "resolved", "resolution": "refund"})

    def action_wallet_credit(self):
        """Store credit: a credit note for what the customer paid, settled into the customer's wallet."""
        self._check_manager()
        self._filter_state(["approved"], self.env._("resolved"))
        Partner = self.env["res.partner"]
        if not Partner._warranty_wallet_installed():
            raise UserError(
                self.env._("Install the wallet module (wallet_loyalty) to resolve claims with wallet credit.")
            )
        for claim in self:
            if not claim.partner_id:
                raise UserError(self.env._("The claim %s has no customer: there is no wallet to credit.", claim.name))
            invoice = claim._origin_invoice_line().move_id
            if invoice and invoice.payment_state not in ("paid", "in_payment"):
                raise UserError(
                    self.env._(
                        "The invoice %s is not paid: resolve the claim with a refund (credit note) instead.",
                        invoice.name,
                    )
                )
            refund = claim._create_credit_note()
            settlement = claim._settle_credit_note_with_wallet(refund)
            amount = sum(settlement.line_ids.mapped("credit"))
            origin = f"warranty_rma:warranty.claim:{claim.id}"
            claim.partner_id._warranty_wallet_credit(
                amount, claim.company_id, self.env._("Warranty claim %s", claim.name), origin
            )
            claim.write(
                {
                    "state": "resolved",
                    "resolution": "wallet",
                    "refund_move_id": refund.id,
                    "wallet_move_id": settlement.id,
                    "wallet_amount": amount,
                    "wallet_reference": origin,
                }
            )

    def action_repair(self):
        self._check_manager()
        self._filter_state(["approved"], self.env._("resolved"))
        if "service.order" not in self.env:
            raise UserError(self.env._("Install the service orders module to resolve claims with a repair."))
        # sudo: the warranty manager opens the workshop order without needing workshop rights
        ServiceOrder = self.env["service.order"].sudo()
        for claim in self:
            vals = {"partner_id": claim.partner_id.id}
            optional = {
                "vehicle_id": claim.warranty_id.vehicle_id.id,
                "product_id": claim.product_id.id,
                "product_qty": claim.quantity,
                "lot_id": claim.lot_id.id,
                "company_id": claim.company_id.id,
            }
            vals.update({name: value for name, value in optional.items() if value and name in ServiceOrder._fields})
            order = ServiceOrder.with_company(claim.company_id).create(vals)
            claim.message_post(body=self.env._("Repair service order %s created.", order.display_name))
            claim.write({"state": "resolved", "resolution": "repair"})

    def action_close(self):
        self._filter_state(["resolved", "rejected"], self.env._("closed"))
        self.write({"state": "closed"})

    def action_cancel(self):
        self._filter_state(["draft"], self.env._("cancelled"))
        self.write({"state": "cancelled"})

    def action_supplier_claim(self):
        """Send an approved defective part back to its supplier and prepare the supplier credit note."""
        self._check_manager()
        for claim in self:
            if claim.state not in ("approved", "resolved", "closed") or claim.supplier_picking_id:
                raise UserError(self.env._("Only approved claims not yet sent back can be claimed from the supplier."))
            if not claim.vendor_id:
                raise UserError(self.env._("Set the supplier of claim %s first.", claim.name))
            warehouse = claim.warehouse_id or claim._default_warehouse()
            claim.supplier_picking_id = claim._create_picking(
                warehouse.out_type_id,
                warehouse._get_warranty_quarantine_location(),
                self.env.ref("stock.stock_location_suppliers"),
                claim.vendor_id,
                validate=True,
            )
            claim.supplier_refund_id = claim._create_supplier_refund()

    # ------------------------------------------------------------------ accounting

    def _origin_invoice_line(self):
        self.ensure_one()
        warranty = self.warranty_id
        if warranty.invoice_line_id:
            return warranty.invoice_line_id
        invoice = warranty.pos_order_id.account_move
        return invoice.invoice_line_ids.filtered(lambda line: line.product_id == self.product_id)[:1]

    def _create_credit_note(self):
        """Posted customer credit note for the claimed quantity at the price of the sale: against the invoice
        when the sale was invoiced, else at the POS line's price and taxes in the company's sales journal.
        sudo: warranty managers need no invoicing rights."""
        self.ensure_one()
        invoice_line = self._origin_invoice_line()
        pos_line = self.warranty_id.pos_order_line_id
        AccountMove = self.env["account.move"].sudo().with_company(self.company_id)
        vals = {
            "move_type": "out_refund",
            "partner_id": self.partner_id.id,
            "invoice_origin": self.name,
            "ref": self.env._("Warranty claim %s", self.name),
        }
        if invoice_line:
            source = invoice_line
            taxes = invoice_line.tax_ids
            vals.update(
                partner_id=invoice_line.move_id.partner_id.id,
                journal_id=invoice_line.move_id.journal_id.id,
                reversed_entry_id=invoice_line.move_id.id,
            )
        elif pos_line:
            source = pos_line
            taxes = pos_line.tax_ids_after_fiscal_position
        else:
            raise UserError(
                self.env._("The sale of claim %s cannot be refunded: it has no invoice nor POS order.", self.name)
            )
        line_vals = {
            "product_id": self.product_id.id,
            "quantity": self.quantity,
            "price_unit": source.price_unit,
            "discount": source.discount,
            "tax_ids": [Command.set(taxes.ids)],
        }
        refund = AccountMove.create({**vals, "invoice_line_ids": [Command.create(line_vals)]})
        refund.action_post()
        return refund

    def _settle_credit_note_with_wallet(self, refund):
        """What the credit note owes the customer becomes a wallet deposit: the receivable is cleared against
        wallet_loyalty's customer-deposit liability account. sudo: as for the credit note."""
        self.ensure_one()
        company = self.company_id
        receivable = refund.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )
        liability = self.env["res.partner"]._warranty_wallet_liability_account(company)
        journal = (
            self.env["account.journal"]
            .sudo()
            .search([*self.env["account.journal"]._check_company_domain(company), ("type", "=", "general")], limit=1)
        )
        label = self.env._("Warranty claim %s: wallet credit", self.name)
        partner = refund.commercial_partner_id
        amount = abs(sum(receivable.mapped("amount_residual")))
        if refund.currency_id.is_zero(amount):
            raise UserError(self.env._("The credit note %s leaves nothing to credit to the wallet.", refund.name))
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "ref": label,
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": receivable.account_id.id,
                                "partner_id": partner.id,
                                "debit": amount,
                                "name": label,
                            }
                        ),
                        Command.create(
                            {"account_id": liability.id, "partner_id": partner.id, "credit": amount, "name": label}
                        ),
                    ],
                }
            )
        )
        move.action_post()
        (receivable | move.line_ids.filtered(lambda line: line.account_id == receivable.account_id)).reconcile()
        return move

    def _create_pos_refund(self):
        """Draft POS refund of the claimed line; the cashier pays it out in the open session."""
        line = self.warranty_id.pos_order_line_id
        if not line.order_id.config_id.current_session_id:
            raise UserError(
                self.env._("Open a session of %s to refund this POS sale.", line.order_id.config_id.display_name)
            )
        # sudo: POS refunds are created by the warranty manager, who may not be a cashier
        refund = line.order_id.sudo()._refund()
        refund.lines.filtered(lambda r: r.refunded_orderline_id != line).unlink()
        refund.lines.qty = -self.quantity
        # the refund is prepared nowhere: no kitchen/preparation state copied from the sale
        refund.last_order_preparation_change = False
        if self.lot_id:
            refund.lines.pack_lot_ids.filtered(lambda p: p.lot_name != self.lot_id.name).unlink()
        refund.lines._onchange_amount_line_all()
        refund._compute_prices()
        return refund

    def _create_supplier_refund(self):
        seller = self.product_id.seller_ids.filtered(lambda s: s.partner_id == self.vendor_id)[:1]
        price = seller.price or self.product_id.standard_price
        # sudo: vendor credit notes are prepared for accounting, not posted, by the warranty manager
        return (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .create(
                {
                    "move_type": "in_refund",
                    "partner_id": self.vendor_id.id,
                    "invoice_origin": self.name,
                    "ref": self.env._("Warranty claim %s", self.name),
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": self.product_id.id, "quantity": self.quantity, "price_unit": price}
                        )
                    ],
                }
            )
        )

    # ------------------------------------------------------------------ lookup and POS

    @api.model
    def find_warranties(self, receipt=None, serial=None, partner_id=None):
        """Warranties matching a receipt/ticket code, a serial number or a customer."""
        domain = []
        if receipt:
            receipt = receipt.strip()
            orders = self.env["pos.order"].search(self._pos_order_lookup_domain(receipt))
            domain = [
                "|",
                "|",
                ("pos_order_id", "in", orders.ids),
                ("origin_ref", "=", receipt),
                ("name", "=", receipt),
            ]
        elif serial:
            domain = [("lot_id.name", "=", serial.strip())]
        elif partner_id:
            domain = [
                ("commercial_partner_id", "=", self.env["res.partner"].browse(partner_id).commercial_partner_id.id)
            ]
        if not domain:
            raise ValidationError(self.env._("Give a receipt, a serial number or a customer to find the warranty."))
        warranties = self.env["warranty.warranty"].search(domain)
        if not warranties:
            raise UserError(self.env._("No sale with a warranty matches this search."))
        return warranties

    @api.model
    def _pos_order_lookup_domain(self, code):
        domain = ["|", ("pos_reference", "=", code), ("name", "=", code)]
        # pos_tickets_qr (optional) stores the ticket's code, printed under its QR, and the QR's payload (what a
        # scanner reads)
        for fname in ("qr_ticket_code", "qr_ticket_payload", "ticket_code"):
            if fname in self.env["pos.order"]._fields:
                domain = ["|", (fname, "=", code), *domain]
        return domain

    @api.model
    def create_from_pos(self, order_id, reason, line_ids=None):
        """Draft claims for the warranties of a past POS order (RPC from the POS ticket screen)."""
        order = self.env["pos.order"].browse(order_id).exists()
        domain = [("pos_order_id", "=", order.id)]
        if line_ids:
            domain.append(("pos_order_line_id", "in", line_ids))
        warranties = self.env["warranty.warranty"].search(domain) if order else self.env["warranty.warranty"]
        if not warranties:
            raise UserError(self.env._("This order has no part under warranty."))
        claims = self.create([{"warranty_id": w.id, "quantity": w.quantity, "reason": reason} for w in warranties])
        return [{"id": c.id, "name": c.name} for c in claims]
