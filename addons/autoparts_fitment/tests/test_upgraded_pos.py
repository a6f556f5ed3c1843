from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "-standard", "suite_upgrade")
class TestUpgradedPosSells(HttpCase):
    """Run by tests/upgrade on a shop's database upgraded from the last release (not a fresh test company):
    the counter POS "Mostrador" of the demo shop sells a catalogue part for cash."""

    def test_counter_sells_after_upgrade(self):
        company = self.env.ref("base.main_company")
        config = self.env["pos.config"].search([("company_id", "=", company.id), ("name", "=", "Mostrador")])
        self.assertTrue(config, "the demo shop's counter POS is gone after the upgrade")
        self.assertFalse(config.current_session_id, "the month of work left the counter's session open")
        part = self.env["product.product"].search([("default_code", "=", "BUJ-102")])
        self.assertTrue(part.available_in_pos)
        # the tour clicks payment methods by name: the shop's cash method under a name the tour knows
        config.payment_method_ids.filtered("is_cash_count")[:1].name = "Efectivo"
        before = self.env["pos.order"].search_count([("config_id", "=", config.id)])
        self.start_tour(f"/pos/ui?config_id={config.id}", "SuiteUpgradedPosSellsTour", login="admin")
        orders = self.env["pos.order"].search([("config_id", "=", config.id)], order="id desc")
        self.assertEqual(len(orders), before + 1)
        self.assertEqual(orders[0].state, "paid")
        self.assertEqual(orders[0].lines.product_id, part)
