import base64
import io

from odoo import fields, models

from ..lib import aces


class FitmentImportWizard(models.TransientModel):
    """Upload an ACES XML or shop CSV file; see the report. Big files: scripts/fitment_import.py."""

    _name = "fitment.import.wizard"
    _description = "Import fitment applications"

    file = fields.Binary(required=True)
    filename = fields.Char()
    file_type = fields.Selection([("aces", "ACES XML"), ("csv", "CSV")], default="aces", required=True)
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    report = fields.Text(readonly=True)

    def action_import(self):
        self.ensure_one()
        data = base64.b64decode(self.file)
        importer = self.env["fitment.importer"]
        if self.file_type == "aces":
            result = importer.import_aces(io.BytesIO(data))
        else:
            result = importer.import_csv(aces.open_text(data))
        self.write({"state": "done", "report": importer.format_report(result)})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
