from odoo import models
from odoo.exceptions import UserError
from odoo.fields import Command


class WarrantyClaimResolution(models.AbstractModel):
    """Resolutions of an approved claim (replace, refund, wallet credit, repair), the claim back to the supplier,
    and their accounting documents. Mixed into ``warranty.claim`` only: its methods use the claim's fields."""

    _name = "warranty.claim.resolution"
    _description = "Warranty claim: resolutions"

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
