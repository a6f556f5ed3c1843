from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestWarrantyPosTour(TestPointOfSaleHttpCommon):
    def test_claim_from_past_order(self):
        self.env.user.group_ids |= self.env.ref("warranty_rma.group_warranty_rma_manager")
        term = self.env["warranty.term"].create({"name": "Tour 12 meses", "months": 12})
        product = self.env["product.product"].create(
            {
                "name": "Alternador Tour",
                "is_storable": True,
                "available_in_pos": True,
                "list_price": 100.0,
                "taxes_id": False,
                "warranty_term_id": term.id,
            }
        )
        self.pos_user.group_ids |= self.env.ref("warranty_rma.group_warranty_rma_user")
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("WarrantyClaimFromPastOrder")
        claim = self.env["warranty.claim"].search([("product_id", "=", product.id)])
        self.assertEqual(len(claim), 1)
        self.assertEqual(claim.state, "draft")
        self.assertEqual(claim.reason, "No carga la batería")
        self.assertEqual(claim.warranty_id.pos_order_id.config_id, self.main_pos_config)
