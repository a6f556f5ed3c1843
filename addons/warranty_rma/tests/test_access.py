from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import WarrantyCommon


@tagged("post_install", "-at_install")
class TestAccess(WarrantyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        common = {"company_id": company.id, "company_ids": [Command.set(company.ids)]}
        cls.clerk = new_test_user(cls.env, "wclerk", groups="warranty_rma.group_warranty_rma_user", **common)
        cls.manager = new_test_user(cls.env, "wmanager", groups="warranty_rma.group_warranty_rma_manager", **common)
        cls.stranger = new_test_user(cls.env, "wstranger", groups="base.group_user", **common)
        cls.portal_user = new_test_user(cls.env, "wportal", groups="base.group_portal", **common)
        cls.portal_user.partner_id.parent_id = cls.customer
        cls.invoice = cls._post_invoice(cls.alternator, 1, 2500)
        cls.warranty = cls.invoice.warranty_ids
        cls.other_warranty = cls._post_invoice(cls.battery, 1, 1800).warranty_ids
        cls.other_warranty.partner_id = cls.other_customer

    def test_clerk_registers_but_cannot_resolve(self):
        claim = (
            self.env["warranty.claim"]
            .with_user(self.clerk)
            .create({"warranty_id": self.warranty.id, "reason": "No carga"})
        )
        claim.action_receive()
        self.assertEqual(claim.state, "received")
        with self.assertRaises(AccessError):
            claim.action_approve()
        with self.assertRaises(AccessError):
            self.warranty.with_user(self.clerk).write({"quantity": 5})
        claim.with_user(self.manager).action_approve()
        claim.with_user(self.manager).action_replace()
        self.assertEqual(claim.state, "resolved")

    def test_user_without_group_is_refused(self):
        with self.assertRaises(AccessError):
            self.env["warranty.warranty"].with_user(self.stranger).search([])
        with self.assertRaises(AccessError):
            self.env["warranty.claim"].with_user(self.stranger).create({"warranty_id": self.warranty.id, "reason": "x"})

    def test_portal_sees_own_only(self):
        visible = self.env["warranty.warranty"].with_user(self.portal_user).search([])
        self.assertEqual(visible, self.warranty)
        with self.assertRaises(AccessError):
            self.other_warranty.with_user(self.portal_user).read(["name"])
        claim = self._claim(self.warranty)
        self.assertEqual(self.env["warranty.claim"].with_user(self.portal_user).search([]), claim)
        with self.assertRaises(AccessError):
            claim.with_user(self.portal_user).write({"reason": "hack"})

    def test_company_rule(self):
        other_company = self.env["res.company"].create({"name": "Otra sucursal"})
        self.other_warranty.company_id = other_company
        visible = self.env["warranty.warranty"].with_user(self.clerk).search([])
        self.assertIn(self.warranty, visible)
        self.assertNotIn(self.other_warranty, visible)
