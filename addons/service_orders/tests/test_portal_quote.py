import re

from odoo.tests import HttpCase, tagged

from .common import WorkshopDataMixin


@tagged("post_install", "-at_install")
class TestPortalQuote(WorkshopDataMixin, HttpCase):
    """The customer approves the quote from the link it receives: recorded as a portal approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_workshop()

    def setUp(self):
        super().setUp()
        self.order = self._new_order(labour_ids=[(0, 0, {"product_id": self.labour_product.id, "hours": 2})])
        self.order.action_send_quote()
        self.url = f"/my/service_order/{self.order.id}"

    def _csrf(self, page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def test_send_quote_posts_the_link(self):
        self.assertEqual(self.order.quote_state, "sent")
        self.assertTrue(self.order.access_token)
        message = self.order.message_ids.filtered(lambda m: self.url in (m.body or ""))
        self.assertTrue(message, "the customer receives the link of its quote")
        self.assertIn(self.customer, message.partner_ids)

    def test_customer_approves_with_the_token(self):
        page = self.url_open(f"{self.url}?access_token={self.order.access_token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.order.name, page.text)
        self.assertIn("Hora de taller", page.text)
        self.assertIn("TST-001-A", page.text)
        response = self.url_open(
            f"{self.url}/approve",
            data={
                "csrf_token": self._csrf(page.text),
                "access_token": self.order.access_token,
                "name": "Cliente Taller",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("message=approved", response.url)
        self.assertEqual(self.order.quote_state, "approved")
        self.assertEqual(self.order.quote_approval_method, "portal")
        self.assertEqual(self.order.quote_approved_by, "Cliente Taller")
        self.assertTrue(self.order.quote_approval_date)

    def test_wrong_token_sees_nothing_and_approves_nothing(self):
        page = self.url_open(f"{self.url}?access_token=not-the-token")
        self.assertNotIn(self.order.name, page.text)
        good = self.url_open(f"{self.url}?access_token={self.order.access_token}")
        self.url_open(
            f"{self.url}/approve",
            data={"csrf_token": self._csrf(good.text), "access_token": "not-the-token", "name": "Intruso"},
        )
        self.assertEqual(self.order.quote_state, "sent")

    def test_name_is_required(self):
        page = self.url_open(f"{self.url}?access_token={self.order.access_token}")
        response = self.url_open(
            f"{self.url}/approve",
            data={"csrf_token": self._csrf(page.text), "access_token": self.order.access_token, "name": "  "},
        )
        self.assertIn("message=name_missing", response.url)
        self.assertEqual(self.order.quote_state, "sent")
