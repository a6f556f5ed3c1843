import uuid

from odoo import fields
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestWarrantyPosTour(TestPointOfSaleHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.group_ids |= cls.env.ref("warranty_rma.group_warranty_rma_manager")
        cls.pos_user.group_ids |= cls.env.ref("warranty_rma.group_warranty_rma_user")
        term = cls.env["warranty.term"].create({"name": "Tour 12 meses", "months": 12})
        cls.product = cls.env["product.product"].create(
            {
                "name": "Alternador Tour",
                "is_storable": True,
                "available_in_pos": True,
                "list_price": 100.0,
                "taxes_id": False,
                "warranty_term_id": term.id,
            }
        )

    def test_claim_from_past_order(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("WarrantyClaimFromPastOrder")
        claim = self.env["warranty.claim"].search([("product_id", "=", self.product.id)])
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.state, "draft")
        self.assertEqual(claim.reason, "No carga la batería")
        self.assertEqual(claim.warranty_id.pos_order_id.config_id, self.main_pos_config)

    def test_warranty_button_only_for_clerks(self):
        clerk_group = self.env.ref("warranty_rma.group_warranty_rma_user")
        config = self.main_pos_config
        Users = self.env["res.users"].with_user(self.pos_user)
        self.assertTrue(Users._load_pos_data_read(self.pos_user, config)[0]["warranty_rma_clerk"])
        self.pos_user.group_ids -= clerk_group
        self.assertFalse(self.pos_user.has_group("warranty_rma.group_warranty_rma_user"))
        self.assertFalse(Users._load_pos_data_read(self.pos_user, config)[0]["warranty_rma_clerk"])
        config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("WarrantyButtonHiddenForCashier")
        self.assertFalse(self.env["warranty.claim"].search([("product_id", "=", self.product.id)]))

    def _paid_order(self, session):
        cash = self.main_pos_config.payment_method_ids.filtered("is_cash_count")[:1]
        line = {
            "product_id": self.product.id,
            "qty": 1,
            "price_unit": 100.0,
            "price_subtotal": 100.0,
            "price_subtotal_incl": 100.0,
            "tax_ids": [],
            "pack_lot_ids": [],
            "uuid": str(uuid.uuid4()),
        }
        data = {
            "amount_paid": 100.0,
            "amount_return": 0,
            "amount_tax": 0,
            "amount_total": 100.0,
            "date_order": fields.Datetime.to_string(fields.Datetime.now()),
            "lines": [fields.Command.create(line)],
            "payment_ids": [fields.Command.create({"amount": 100.0, "payment_method_id": cash.id})],
            "partner_id": self.partner_a.id,
            "session_id": session.id,
            "state": "paid",
            "uuid": str(uuid.uuid4()),
            "user_id": self.pos_user.id,
            "to_invoice": False,
        }
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def test_refund_paid_out_at_the_counter(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        order = self._paid_order(self.main_pos_config.current_session_id)
        claim = self.env["warranty.claim"].create({"warranty_id": order.warranty_ids.id, "reason": "Ruido"})
        claim.action_receive()
        claim.action_approve()
        claim.action_refund()
        refund = claim.refund_pos_order_id
        self.assertEqual(refund.state, "draft")
        self.start_pos_tour("WarrantyRefundPayout")
        self.assertEqual(refund.state, "paid")
        self.assertAlmostEqual(sum(refund.payment_ids.mapped("amount")), -100.0)
        self.assertEqual(refund.lines.refunded_orderline_id, order.lines)
        self.assertEqual(order.lines.refunded_qty, 1)
