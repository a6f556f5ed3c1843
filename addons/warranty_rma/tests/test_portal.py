from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        term = env["warranty.term"].create(
            {"name": "Portal 12 meses", "months": 12, "conditions": "Presentar ticket", "exclusions": "Golpes"}
        )
        product = env["product.product"].create({"name": "Marcha portal", "warranty_term_id": term.id})
        cls.customer = env["res.partner"].create({"name": "Taller Portal", "is_company": True})
        cls.stranger = env["res.partner"].create({"name": "Otro Cliente"})
        cls.portal_user = new_test_user(env, "wportal_http", groups="base.group_portal")
        cls.portal_user.partner_id.parent_id = cls.customer
        Warranty = env["warranty.warranty"]
        today = fields.Date.today()
        cls.own = Warranty.create(Warranty._prepare_vals(term, product, 1.0, cls.customer, today))
        cls.other = Warranty.create(Warranty._prepare_vals(term, product, 1.0, cls.stranger, today))
        cls.own_claim = env["warranty.claim"].create({"warranty_id": cls.own.id, "reason": "No arranca"})
        cls.other_claim = env["warranty.claim"].create({"warranty_id": cls.other.id, "reason": "Ruido"})

    def test_portal_lists_own_warranties_and_claims(self):
        self.authenticate("wportal_http", "wportal_http")
        page = self.url_open("/my/warranties")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.own.name, page.text)
        self.assertIn(self.own_claim.name, page.text)
        self.assertNotIn(self.other.name, page.text)
        self.assertNotIn(self.other_claim.name, page.text)

    def test_portal_certificate_and_claim_pages(self):
        self.authenticate("wportal_http", "wportal_http")
        certificate = self.url_open(f"/my/warranties/{self.own.id}")
        self.assertEqual(certificate.status_code, 200)
        self.assertIn(self.own.name, certificate.text)
        self.assertIn("Presentar ticket", certificate.text)
        claim_page = self.url_open(f"/my/warranty_claims/{self.own_claim.id}")
        self.assertIn("No arranca", claim_page.text)
        # someone else's documents redirect to the portal home, nothing of them is shown
        for url in (f"/my/warranties/{self.other.id}", f"/my/warranty_claims/{self.other_claim.id}"):
            response = self.url_open(url)
            self.assertTrue(response.url.endswith("/my"), url)
            self.assertNotIn(self.other.name, response.text)
            self.assertNotIn("Ruido", response.text)

    def test_certificate_report_renders(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("warranty_rma.warranty_certificate_report", self.own.ids)[0]
            .decode()
        )
        self.assertIn(self.own.name, html)
        self.assertIn("Golpes", html)
        self.assertIn("Marcha portal", html)

    def test_certificate_emailed_with_the_pdf(self):
        self.customer.email = "taller.portal@example.com"
        template = self.env.ref("warranty_rma.warranty_certificate_mail_template")
        mail = self.env["mail.mail"].browse(template.send_mail(self.own.id))
        # the rendered address becomes the customer as recipient (or stays a raw address)
        self.assertTrue(
            self.customer in mail.recipient_ids or mail.email_to == "taller.portal@example.com",
            (mail.recipient_ids, mail.email_to),
        )
        self.assertEqual(len(mail.attachment_ids), 1)
        self.assertTrue(mail.attachment_ids.name.startswith("Garantia-"), mail.attachment_ids.name)
        action = self.own.action_send_certificate()
        self.assertEqual(action["context"]["default_template_id"], template.id)
