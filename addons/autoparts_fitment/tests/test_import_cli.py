import importlib.util
import io
import os
import tempfile
from pathlib import Path

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import FitmentCase

DATA = Path(__file__).parent / "unit" / "data"
SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "fitment_import.py"


def load_script():
    spec = importlib.util.spec_from_file_location("fitment_import_cli", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestImportCommandLine(FitmentCase):
    """scripts/fitment_import.py runs `run_import` in the Odoo environment: the same code is tested here."""

    def test_csv_sample_with_progress(self):
        out = io.StringIO()
        report = load_script().run_import(self.env, DATA / "fitment_sample.csv", out=out)
        self.assertEqual((report["read"], report["created"]), (2, 3))
        self.assertEqual([u["reason"] for u in report["unmatched"]], ["vehicle"], "no Nissan Versa in this catalogue")
        apps = self.env["fitment.application"].search([("source", "=", "csv")])
        self.assertEqual(sorted(apps.mapped("year")), [2012, 2013, 2014])
        self.assertEqual(apps.product_tmpl_id, self.pads)
        text = out.getvalue()
        self.assertIn("2 applications read", text)
        self.assertIn("100.0% of", text)
        self.assertIn("applications/s", text)
        self.assertIn("Line 3", text)

    def test_aces_sample_by_extension(self):
        progress = []
        report = self.env["fitment.importer"].import_path(
            DATA / "aces42_sample.xml", progress=lambda *args: progress.append(args)
        )
        self.assertEqual((report["read"], report["skipped"]), (4, 1))
        self.assertEqual(report["header"]["SubmissionType"], "FULL")
        read, position, size = progress[-1]
        self.assertEqual((read, size), (4, (DATA / "aces42_sample.xml").stat().st_size))
        self.assertGreater(position, 0)

    def test_malformed_file_refused(self):
        with (
            self.assertRaises(UserError),
            mute_logger("odoo.addons.autoparts_fitment.models.fitment_importer"),
        ):
            load_script().run_import(self.env, DATA / "aces_malformed.xml", out=io.StringIO())
        self.assertFalse(self.env["fitment.application"].search([("source", "=", "aces")]))

    def test_wrong_encoding_refused(self):
        text = "year_from,year_to,make,model,engine,part_number\n2012,,Volkswagen,Jetta,,BP-1234 ñ\n"
        with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as handle:
            handle.write(text.encode("latin-1"))
        try:
            with self.assertRaises(UserError):
                self.env["fitment.importer"].import_path(handle.name)
            report = self.env["fitment.importer"].import_path(handle.name, encoding="latin-1")
            self.assertEqual(report["read"], 1)
        finally:
            os.unlink(handle.name)
