import io
from pathlib import Path
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..models import fitment_importer
from .common import FitmentCase

DATA = Path(__file__).parent / "unit" / "data"

ACES = b"""<?xml version="1.0" encoding="UTF-8"?>
<ACES version="4.2">
  <Header><SubmissionType>FULL</SubmissionType></Header>
  <App action="A" id="1"><BaseVehicle id="97011"/><EngineBase id="9700"/><Note>con ABS</Note><Qty>1</Qty>
    <PartType id="1684"/><Position id="22"/><Part BrandAAIAID="BKFR">bp 1234</Part></App>
  <App action="A" id="2"><Years from="2011" to="2013"/><Make id="9074"/><Model id="91234"/><Qty>2</Qty>
    <PartType id="1896"/><Position id="30"/><Part>ZT5678</Part></App>
  <App action="A" id="3"><BaseVehicle id="97012"/><Qty>1</Qty><PartType id="5340"/>
    <Part BrandAAIAID="FLTM">FO-100</Part></App>
  <App action="A" id="4"><BaseVehicle id="97012"/><Qty>1</Qty><PartType id="5340"/><Part>UNKNOWN-9</Part></App>
  <App action="A" id="5"><BaseVehicle id="1"/><Qty>1</Qty><PartType id="5340"/><Part>BP1234</Part></App>
  <App action="A" id="6"><BaseVehicle id="97012"/><Qty>1</Qty><PartType id="5340"/><Part>N/A</Part></App>
  <Footer><RecordCount>6</RecordCount></Footer>
</ACES>
"""


@tagged("post_install", "-at_install")
class TestImport(FitmentCase):
    def _apps(self, source="aces"):
        return self.env["fitment.application"].search([("source", "=", source)])

    def test_unmatched_lines_all_counted_first_ones_listed(self):
        importer = self.env["fitment.importer"]
        with patch.object(fitment_importer, "UNMATCHED_DETAIL_LIMIT", 1):
            report = importer.import_aces(io.BytesIO(ACES))
        self.assertEqual(report["unmatched_count"], 2)
        self.assertEqual([(u["line"], u["reason"]) for u in report["unmatched"]], [(10, "part")])
        self.assertEqual(report["created"], 5, "the cap limits the report, not the import")
        text = importer.format_report(report)
        self.assertIn("2 unmatched.", text)
        self.assertIn("UNKNOWN-9", text)
        self.assertIn("… and 1 more unmatched lines.", text)
        summary_only = importer.format_report(report, max_unmatched=0)
        self.assertNotIn("UNKNOWN-9", summary_only)
        self.assertIn("… and 2 more unmatched lines.", summary_only)

    def test_aces_import_report_and_idempotence(self):
        importer = self.env["fitment.importer"]
        report = importer.import_aces(io.BytesIO(ACES))
        self.assertEqual(report["read"], 6)
        self.assertEqual(report["skipped"], 1)
        self.assertEqual(report["created"], 1 + 3 + 1)
        self.assertEqual([(u["line"], u["reason"]) for u in report["unmatched"]], [(10, "part"), (11, "vehicle")])
        self.assertEqual(report["header"]["SubmissionType"], "FULL")
        pads = self._apps().filtered(lambda a: a.product_tmpl_id == self.pads)
        self.assertEqual(pads.base_vehicle_id, self.jetta_years[2011])
        self.assertEqual(
            (pads.engine_id, pads.position, pads.note, pads.external_ref), (self.engine_20, "front", "con ABS", "1")
        )
        shoes = self._apps().filtered(lambda a: a.product_tmpl_id == self.shoes)
        self.assertEqual(sorted(shoes.mapped("year")), [2011, 2012, 2013])
        self.assertEqual(set(shoes.mapped("quantity")), {2.0})
        self.assertEqual(set(shoes.mapped("make_id").ids), {self.vw.id})
        filters = self._apps().filtered(lambda a: a.product_tmpl_id == self.filter)
        self.assertEqual(filters.base_vehicle_id, self.jetta_years[2012], "matched through the interchange number")
        text = importer.format_report(report)
        self.assertIn("UNKNOWN-9", text)

        again = importer.import_aces(io.BytesIO(ACES))
        self.assertEqual((again["created"], again["updated"], again["unchanged"]), (0, 0, 5))
        self.assertEqual(len(self._apps()), 5)

        changed = ACES.replace(b"<Note>con ABS</Note>", b"<Note>sin ABS</Note>").replace(
            b'<App action="A" id="2">', b'<App action="D" id="2">'
        )
        third = importer.import_aces(io.BytesIO(changed))
        self.assertEqual((third["created"], third["updated"], third["deleted"]), (0, 1, 3))
        self.assertEqual(pads.note, "sin ABS")
        self.assertFalse(shoes.exists())

    def test_malformed_file_writes_nothing(self):
        broken = ACES.replace(b'</App>\n  <App action="A" id="5">', b'\n  <App action="A" id="5">')
        with (
            self.assertRaises(UserError) as error,
            mute_logger("odoo.addons.autoparts_fitment.models.fitment_importer"),
        ):
            self.env["fitment.importer"].import_aces(io.BytesIO(broken))
        self.assertIn("Line", str(error.exception))
        self.assertFalse(self._apps())

    def test_xxe_refused(self):
        with self.assertRaises(UserError), mute_logger("odoo.addons.autoparts_fitment.models.fitment_importer"):
            self.env["fitment.importer"].import_aces(str(DATA / "aces_xxe.xml"))
        self.assertFalse(self._apps())

    def test_csv_import_and_wizard(self):
        data = (
            b"year_from,year_to,make,model,engine,part_number,brand,position,qty,note\n"
            b"2011,2012,volkswagen,JETTA,2.5L,BP-1234,,front,1,excepto GLI\n"
            b"2015,,NissanT,Versa,,FILT01,,,1,\n"
            b"2015,,Ford,Figo,,FILT01,,,1,\n"
        )
        wizard = self.env["fitment.import.wizard"].create(
            {"file": __import__("base64").b64encode(data), "file_type": "csv", "filename": "a.csv"}
        )
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertIn("Line 4", wizard.report)
        apps = self._apps("csv")
        self.assertEqual(len(apps), 3)
        pads = apps.filtered(lambda a: a.product_tmpl_id == self.pads)
        self.assertEqual(pads.engine_id, self.engine_25)
        self.assertEqual(set(pads.mapped("note")), {"excepto GLI"})
        wizard.action_import()
        self.assertEqual(len(self._apps("csv")), 3, "re-import is idempotent")

    def test_only_managers_import(self):
        clerk = new_test_user(self.env, "fit_clerk", groups="autoparts_fitment.group_autoparts_fitment_clerk")
        with self.assertRaises(UserError):
            self.env["fitment.importer"].with_user(clerk).import_aces(io.BytesIO(ACES))

    def test_year_range_wizard(self):
        wizard = self.env["fitment.application.range.wizard"].create(
            {
                "product_tmpl_id": self.pads.id,
                "model_id": self.jetta.id,
                "year_from": 2013,
                "year_to": 2016,
                "position": "front",
            }
        )
        wizard.action_apply()
        wizard.action_apply()
        apps = self.env["fitment.application"].search([("product_tmpl_id", "=", self.pads.id)])
        self.assertEqual(sorted(apps.mapped("year")), [2013, 2014, 2015, 2016])
