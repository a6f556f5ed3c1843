from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import rfc

# decided by the server (session close, cron), never by the till: which factura global holds the ticket
SERVER_FIELDS = ("mx_cfdi_global_document_id",)


class PosOrder(models.Model):
    _inherit = "pos.order"

    mx_cfdi_global_document_id = fields.Many2one(
        "mx.cfdi.document", "Global invoice CFDI", readonly=True, copy=False, index="btree_not_null"
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(field in vals for vals in vals_list for field in SERVER_FIELDS):
            self._mx_cfdi_check_server_write()
        return super().create(vals_list)

    def write(self, vals):
        if any(field in vals for field in SERVER_FIELDS):
            self._mx_cfdi_check_server_write()
        return super().write(vals)

    def _mx_cfdi_check_server_write(self):
        # the code that takes tickets into a global invoice runs as sudo; a user (or a till) may not choose it
        if not self.env.su:
            raise AccessError(
                self.env._("Only the factura global process decides which global invoice holds a ticket.")
            )

    @api.model
    def _process_order(self, order, existing_order):
        """The POS client sends the whole order; the fields the server decides are dropped here, in one place."""
        mapping = order.get("relations_uuid_mapping") or {}
        mapping.pop("mx.cfdi.document", None)  # CFDI documents have a uuid (the fiscal one): nothing of theirs
        for values in [order, *(mapping.get(self._name) or {}).values()]:
            for field in SERVER_FIELDS:
                values.pop(field, None)
        return super()._process_order(order, existing_order)

    def _prepare_invoice_vals(self):
        vals = super()._prepare_invoice_vals()
        partner = self.partner_id.commercial_partner_id[:1]
        vals["mx_cfdi_forma_pago"] = self._mx_cfdi_forma_pago()
        if partner.mx_cfdi_uso_id:
            vals["mx_cfdi_uso_id"] = partner.mx_cfdi_uso_id.id
        return vals

    def _generate_pos_order_invoice(self):
        mexican = self.filtered(lambda o: o.company_id.account_fiscal_country_id.code == "MX")
        for order in mexican:
            order._mx_cfdi_check_invoice_request()
        if any(mexican.company_id.mapped("mx_cfdi_auto_email")):
            # no PDF nor email before the stamp: the customer gets the stamped one (PDF + XML) from the queue
            return super(PosOrder, self.with_context(generate_pdf=False))._generate_pos_order_invoice()
        return super()._generate_pos_order_invoice()

    def _mx_cfdi_check_invoice_request(self):
        """A named invoice needs the customer's real fiscal data; a ticket in a global invoice is done."""
        self.ensure_one()
        if self.mx_cfdi_global_document_id:
            raise UserError(
                self.env._(
                    "The ticket %(ticket)s is already in the global invoice %(global)s: it cannot be invoiced "
                    "on its own.",
                    ticket=self.pos_reference or self.name,
                    **{"global": self.mx_cfdi_global_document_id.name},
                )
            )
        partner = self.partner_id.commercial_partner_id
        problems = partner._mx_cfdi_invoice_problems()
        if problems:
            raise UserError(
                self.env._(
                    "The customer %(name)s cannot get an invoice: %(problems)s", name=partner.name, problems=problems
                )
            )

    def _mx_cfdi_forma_pago(self):
        """SAT FormaPago of the orders: the payment form that paid the largest amount."""
        amounts = defaultdict(float)
        for payment in self.payment_ids:
            amounts[payment.payment_method_id._mx_cfdi_forma_pago()] += abs(payment.amount)
        return max(amounts, key=amounts.get) if amounts else "01"

    def _mx_cfdi_global_rows(self, sign=1):
        """(ticket, taxes, base) rows; a refund line counts against the ticket it refunds.

        ``sign=-1`` for the credit note of refunds whose ticket is in an earlier global invoice.
        """
        move_model = self.env["account.move"]
        for order in self:
            for line in order.lines:
                ticket_order = line.refunded_orderline_id.order_id or order
                taxes = [move_model._mx_cfdi_tax(tax) for tax in line.tax_ids_after_fiscal_position]
                yield ticket_order.pos_reference or ticket_order.name, taxes, sign * line.price_subtotal

    @api.model
    def _mx_cfdi_global_candidates(self, company, domain=()):
        """Paid orders of the company not invoiced on their own and in no global invoice yet.

        Rows are locked (SKIP LOCKED: an order being invoiced right now is left for the next run). Returns
        (sales, late refunds): a refund is taken with the ticket it refunds, so the global invoice never
        has negative lines; refunds of tickets already in a global invoice go to its credit note.
        """
        orders = self.search(
            [
                ("company_id", "=", company.id),
                ("state", "in", ("paid", "done")),
                ("account_move", "=", False),
                ("to_invoice", "=", False),
                ("mx_cfdi_global_document_id", "=", False),
                *domain,
            ]
        )
        if not orders:
            return orders, orders
        self.env.cr.execute(
            "SELECT id FROM pos_order WHERE id IN %s AND mx_cfdi_global_document_id IS NULL "
            "FOR NO KEY UPDATE SKIP LOCKED",
            [tuple(orders.ids)],
        )
        locked = self.browse([row[0] for row in self.env.cr.fetchall()])
        late = locked.filtered(lambda o: o.is_refund and o.refunded_order_id.mx_cfdi_global_document_id)
        return locked.filtered(lambda o: not o.is_refund or o.refunded_order_id in locked), late

    def _mx_cfdi_is_generic_customer(self):
        self.ensure_one()
        return not self.partner_id or rfc.is_generic(self.partner_id.commercial_partner_id.vat)
