from odoo import fields, models


class BarStation(models.Model):
    _name = "bar.station"
    _description = "Bar station"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    pos_categ_ids = fields.Many2many(
        "pos.category",
        string="Product categories",
        help="Products this bar serves. Empty: it serves every product of the ticket.",
    )
    employee_ids = fields.Many2many(
        "hr.employee",
        string="Bartenders",
        domain="[('company_id', '=', company_id)]",
        help="Employees allowed to deliver here (they log in with their POS PIN). Empty: any employee of the venue.",
    )

    def _serves(self, ticket_line):
        self.ensure_one()
        if not self.pos_categ_ids:
            return True
        # sudo: only the categories of a product already on the ticket, compared here; read narrowly
        # (as the user, each call would fetch the whole product and template rows and evaluate rules).
        product = ticket_line.product_id.sudo()
        product.fetch(["product_tmpl_id"])
        product.product_tmpl_id.fetch(["pos_categ_ids"])
        return bool(set(self.pos_categ_ids.ids) & set(product.pos_categ_ids.ids))

    def _bar_bartenders(self):
        """Bartenders who can log in here (id and name only, never PINs)."""
        self.ensure_one()
        # sudo: bartender devices cannot read hr.employee; only names and ids leave this method.
        employees = self.sudo().employee_ids or self.env["hr.employee"].sudo().search(
            [("company_id", "=", self.company_id.id), ("pin", "!=", False)]
        )
        return [{"id": e.id, "name": e.name} for e in employees if e.pin]
