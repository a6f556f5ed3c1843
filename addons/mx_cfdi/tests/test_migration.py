import importlib.util
import pathlib

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MxCfdiCommon

MIGRATIONS = pathlib.Path(__file__).resolve().parents[1] / "migrations"


def migration(version, name):
    path = MIGRATIONS / version / name
    spec = importlib.util.spec_from_file_location(f"odoo.addons.mx_cfdi.migrations.{path.stem.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.migrate.__wrapped__  # the function itself, without openupgradelib's frame inspection


@tagged("post_install", "-at_install")
class TestMigration1110(MxCfdiCommon):
    def _stamped(self, *lines):
        move = self._invoice(lines=lines or ((1, 100, 0),))
        move.action_post()
        move.mx_cfdi_document_ids._cron_process()
        return move

    def test_stamped_xml_takes_its_document_company(self):
        move, forged = self._stamped(), self._stamped((2, 50, 0))
        own = move.mx_cfdi_document_ids.attachment_id
        key = self.env["ir.attachment"].search(
            [("res_model", "=", "res.company"), ("res_id", "=", self.company.id), ("res_field", "=", "mx_cfdi_key")]
        )
        cron_company = self.env["res.company"].create({"name": "Empresa del usuario del cron"})
        # as 19.0.1.0.0 left them: the XML in the cron user's company, and a link to the key made by hand
        self.env.cr.execute(
            "UPDATE ir_attachment SET company_id = %s WHERE id IN %s", [cron_company.id, (own.id, key.id)]
        )
        self.env.cr.execute(
            "UPDATE mx_cfdi_document SET attachment_id = %s WHERE id = %s", [key.id, forged.mx_cfdi_document_ids.id]
        )
        self.env.invalidate_all()
        self.assertFalse(move._mx_cfdi_stamped_attachment(), "an XML of another company is not served")
        with mute_logger("odoo.addons.mx_cfdi.migrations"):
            migration("19.0.1.1.0", "post-cfdi_attachment_company.py")(self.env, "19.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(own.company_id, self.company)
        self.assertEqual(move._mx_cfdi_stamped_attachment(), own)
        self.assertEqual(key.company_id, cron_company, "another record's attachment is left alone")
        self.assertFalse(forged._mx_cfdi_stamped_attachment())
