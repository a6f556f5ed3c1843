import io
import logging
import os
import re
import time

from psycopg2 import sql

from odoo import api, models
from odoo.exceptions import UserError

from ..lib import aces

_logger = logging.getLogger(__name__)

BATCH_SIZE = 20000
# unmatched lines kept in the report (their total is always counted): a supplier's full catalogue
# mostly lists parts the shop does not carry, and a million report rows would not fit in memory
UNMATCHED_DETAIL_LIMIT = 1000
_DISPLACEMENT = re.compile(r"(\d+(?:\.\d+)?)")

# staging columns, in COPY order
_STAGE_COLUMNS = (
    "line",
    "action",
    "app_id",
    "part_number",
    "pn_norm",
    "brand",
    "base_vcdb",
    "year_from",
    "year_to",
    "make_vcdb",
    "model_vcdb",
    "make",
    "model",
    "engine_vcdb",
    "displacement",
    "position",
    "qty",
    "note",
)
_STAGE_DDL = """
    CREATE TEMP TABLE fitment_import_stage (
        line integer, action char(1), app_id varchar, part_number varchar, pn_norm varchar, brand varchar,
        base_vcdb integer, year_from integer, year_to integer, make_vcdb integer, model_vcdb integer,
        make varchar, model varchar, engine_vcdb integer, displacement numeric, position varchar,
        qty numeric, note varchar
    ) ON COMMIT DROP
"""


def _copy_value(value):
    if value is None or value == "":
        return r"\N"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ").replace("\r", " ")


class FitmentImporter(models.AbstractModel):
    """Bulk import of fitment applications (ACES XML, shop CSV) in SQL.

    The file is streamed into a temporary staging table with COPY inside a savepoint: if it turns
    out malformed, the savepoint is rolled back and nothing is written. Matching parts and vehicles
    and writing the applications are then a handful of set-based statements.
    """

    _name = "fitment.importer"
    _description = "Fitment import service"

    @api.model
    def import_aces(self, source, progress=None):
        """Import an ACES file (path or binary file object); return the report dict."""
        header = {}
        report = self._import(aces.iter_applications(source, header), "aces", progress)
        report["header"] = header
        return report

    @api.model
    def import_csv(self, text_source, progress=None):
        """Import the shop CSV (text file object); return the report dict."""
        return self._import(aces.iter_csv(text_source), "csv", progress)

    @api.model
    def import_path(self, path, file_type=None, progress=None, encoding="utf-8-sig"):
        """Import a file from the server's disk (the command line's entry: scripts/fitment_import.py).

        `file_type` is "aces" or "csv" (default: from the extension, .csv or else ACES). `progress`,
        if given, is called after each batch with (applications read, bytes read, file size). The
        file is streamed: a file of any size is never loaded whole.
        """
        path = os.fspath(path)
        file_type = file_type or ("csv" if path.lower().endswith(".csv") else "aces")
        size = os.path.getsize(path)
        with open(path, "rb") as raw:

            def report_progress(read):
                if progress:
                    progress(read, raw.tell(), size)

            if file_type == "aces":
                return self.import_aces(raw, report_progress)
            text = io.TextIOWrapper(raw, encoding=encoding, newline="")
            try:
                return self.import_csv(text, report_progress)
            except UnicodeDecodeError as error:
                raise UserError(
                    self.env._("The file is not %(encoding)s text: %(error)s", encoding=encoding, error=error)
                ) from None
            finally:
                text.detach()

    def _check_access(self):
        if not self.env.user.has_group("autoparts_fitment.group_autoparts_fitment_manager") and not self.env.su:
            raise UserError(self.env._("Only catalogue managers can import fitment applications."))

    def _import(self, records, source, progress):
        self._check_access()
        started = time.monotonic()
        self.env.flush_all()
        report = {"created": 0, "updated": 0, "deleted": 0, "unchanged": 0, "skipped": 0, "read": 0}
        report["unmatched_count"] = 0
        report["unmatched"], report["errors"] = [], []
        cr = self.env.cr
        try:
            with cr.savepoint(flush=False):
                cr.execute("DROP TABLE IF EXISTS fitment_import_stage")
                cr.execute(_STAGE_DDL)
                report["read"], report["skipped"] = self._stage(records, progress)
                # temp tables have no statistics until analysed: without them the planner guesses
                # and can pick nested loops over the 2M-row applications table
                cr.execute("ANALYZE fitment_import_stage")
                self._apply(source, report)
                cr.execute("DROP TABLE fitment_import_stage")
        except aces.AcesError as error:
            _logger.info("Fitment import refused: %s", error)
            raise UserError(
                self.env._(
                    "The file was refused, nothing was imported. Line %(line)s: %(error)s",
                    line=error.line or "?",
                    error=str(error),
                )
            ) from None
        self.env["fitment.application"].invalidate_model()
        report["seconds"] = round(time.monotonic() - started, 3)
        _logger.info(
            "Fitment %s import: %s read, %s created, %s updated, %s deleted, %s unmatched, %s errors in %ss",
            source,
            report["read"],
            report["created"],
            report["updated"],
            report["deleted"],
            report["unmatched_count"],
            len(report["errors"]),
            report["seconds"],
        )
        return report

    def _stage(self, records, progress):
        read = skipped = 0
        buffer = io.StringIO()
        pending = 0
        for record in records:
            read += 1
            if record.part_number.upper() in aces.PLACEHOLDER_PARTS:
                skipped += 1
                continue
            buffer.write("\t".join(_copy_value(v) for v in self._stage_row(record)) + "\n")
            pending += 1
            if pending >= BATCH_SIZE:
                self._copy(buffer)
                buffer, pending = io.StringIO(), 0
                if progress:
                    progress(read)
        if pending:
            self._copy(buffer)
        if progress:
            progress(read)
        return read, skipped

    def _stage_row(self, record):
        displacement = None
        if record.engine:
            match = _DISPLACEMENT.search(record.engine)
            displacement = match.group(1) if match else None
        return (
            record.line,
            record.action,
            record.app_id,
            record.part_number,
            record.part_number_normalized,
            record.brand,
            record.base_vehicle_id,
            record.year_from,
            record.year_to,
            record.make_id,
            record.model_id,
            record.make,
            record.model,
            record.engine_base_id,
            displacement,
            record.position,
            record.quantity,
            record.note,
        )

    def _copy(self, buffer):
        buffer.seek(0)
        query = sql.SQL("COPY fitment_import_stage ({}) FROM STDIN").format(
            sql.SQL(", ").join(map(sql.Identifier, _STAGE_COLUMNS))
        )
        self.env.cr.copy_expert(query.as_string(self.env.cr._cnx), buffer)

    def _apply(self, source, report):
        cr = self.env.cr
        positions = [key for key, _label in self.env["fitment.application"]._fields["position"].selection]
        # parts by normalised number: default codes first, then interchange numbers (brand-aware)
        cr.execute(
            """
            CREATE TEMP TABLE fitment_import_parts ON COMMIT DROP AS
            SELECT DISTINCT ON (pn_norm, brand) pn_norm, brand, product_tmpl_id FROM (
                SELECT upper(regexp_replace(pp.default_code, '[^0-9A-Za-z]', '', 'g')) AS pn_norm,
                       '' AS brand, pp.product_tmpl_id, 1 AS rank
                  FROM product_product pp
                 WHERE pp.default_code IS NOT NULL AND pp.active
                UNION ALL
                SELECT i.number_normalized, upper(COALESCE(i.brand, '')), i.product_tmpl_id, 2
                  FROM fitment_interchange i
                UNION ALL
                SELECT i.number_normalized, '', i.product_tmpl_id, 3
                  FROM fitment_interchange i
            ) candidates
             WHERE pn_norm IN (SELECT pn_norm FROM fitment_import_stage)
             ORDER BY pn_norm, brand, rank, product_tmpl_id;
            CREATE INDEX ON fitment_import_parts (pn_norm, brand);
            ANALYZE fitment_import_parts;
            -- models named by VCdb ids (ACES Years + Make + Model) or by name (CSV)
            CREATE TEMP TABLE fitment_import_models ON COMMIT DROP AS
            SELECT k.*, (
                SELECT m.id FROM fleet_vehicle_model m JOIN fleet_vehicle_model_brand mk ON mk.id = m.brand_id
                 WHERE (m.vcdb_id = k.model_vcdb OR (k.model_vcdb = -1 AND lower(m.name) = k.model))
                   AND (mk.vcdb_id = k.make_vcdb OR (k.make_vcdb = -1 AND lower(mk.name) = k.make))
                 ORDER BY m.id LIMIT 1) AS model_id
              FROM (SELECT DISTINCT COALESCE(make_vcdb, -1) AS make_vcdb, COALESCE(model_vcdb, -1) AS model_vcdb,
                           lower(COALESCE(make, '')) AS make, lower(COALESCE(model, '')) AS model
                      FROM fitment_import_stage WHERE base_vcdb IS NULL) k;
            CREATE TEMP TABLE fitment_import_engines ON COMMIT DROP AS
            SELECT DISTINCT ON (round(displacement_l::numeric, 1)) round(displacement_l::numeric, 1) AS displacement, id
              FROM fitment_engine WHERE active ORDER BY round(displacement_l::numeric, 1), id;
            ANALYZE fitment_import_models;
            ANALYZE fitment_import_engines;
            """
        )
        resolved = """
            SELECT s.line, s.action, s.app_id, s.part_number, s.brand,
                   COALESCE(pb.product_tmpl_id, pd.product_tmpl_id) AS product_tmpl_id,
                   b.id AS base_vehicle_id, b.year,
                   {ref} AS ref,
                   COALESCE(ev.id, ed.id) AS engine_id,
                   CASE WHEN s.position = ANY(%(positions)s) THEN s.position END AS position,
                   s.qty, s.note
              FROM fitment_import_stage s
              {vehicle_join}
              LEFT JOIN fitment_import_parts pb ON pb.pn_norm = s.pn_norm AND pb.brand = upper(s.brand)
                                               AND s.brand IS NOT NULL
              LEFT JOIN fitment_import_parts pd ON pd.pn_norm = s.pn_norm AND pd.brand = ''
              LEFT JOIN fitment_engine ev ON ev.vcdb_id = s.engine_vcdb
              LEFT JOIN fitment_import_engines ed
                     ON s.engine_vcdb IS NULL AND ed.displacement = round(s.displacement, 1)
        """
        by_base = resolved.format(
            ref="s.app_id",
            vehicle_join="LEFT JOIN fitment_base_vehicle b ON b.vcdb_id = s.base_vcdb",
        )
        by_range = resolved.format(
            ref="s.app_id || '#' || b.year",
            vehicle_join="""
              LEFT JOIN fitment_import_models km
                     ON km.make_vcdb = COALESCE(s.make_vcdb, -1) AND km.model_vcdb = COALESCE(s.model_vcdb, -1)
                    AND km.make = lower(COALESCE(s.make, '')) AND km.model = lower(COALESCE(s.model, ''))
              LEFT JOIN fitment_base_vehicle b
                     ON b.model_id = km.model_id AND b.year BETWEEN s.year_from AND COALESCE(s.year_to, s.year_from)
            """,
        )
        cr.execute(
            f"""
            CREATE TEMP TABLE fitment_import_resolved ON COMMIT DROP AS
            {by_base} WHERE s.base_vcdb IS NOT NULL
            UNION ALL
            {by_range} WHERE s.base_vcdb IS NULL
            """,
            {"positions": positions},
        )
        cr.execute("ANALYZE fitment_import_resolved")
        self._report_unmatched(report)
        self._delete(source, report)
        self._upsert(source, report)
        cr.execute("DROP TABLE fitment_import_parts, fitment_import_models, fitment_import_engines")

    def _report_unmatched(self, report):
        """Count the lines whose part or vehicle is unknown; keep the first UNMATCHED_DETAIL_LIMIT."""
        self.env.cr.execute(
            """
            SELECT line, app_id, part_number, brand, reason, count(*) OVER () FROM (
                SELECT line, app_id, part_number, brand, 'part' AS reason FROM fitment_import_resolved
                 WHERE product_tmpl_id IS NULL AND base_vehicle_id IS NOT NULL
                 GROUP BY line, app_id, part_number, brand
                 UNION ALL
                SELECT line, app_id, part_number, NULL, 'vehicle' FROM fitment_import_resolved
                 WHERE base_vehicle_id IS NULL
            ) unmatched ORDER BY line LIMIT %s
            """,
            [UNMATCHED_DETAIL_LIMIT],
        )
        rows = self.env.cr.fetchall()
        report["unmatched_count"] = rows[0][5] if rows else 0
        report["unmatched"] = [
            {"line": line, "app_id": app_id, "part_number": part, "brand": brand or "", "reason": reason}
            for line, app_id, part, brand, reason, _total in rows
        ]

    def _delete(self, source, report):
        self.env.cr.execute("SELECT 1 FROM fitment_import_resolved WHERE action = 'D' LIMIT 1")
        if not self.env.cr.fetchone():
            return  # nothing to delete: do not scan the applications at all
        self.env.cr.execute(
            """
            DELETE FROM fitment_application a
             USING fitment_import_resolved r
             WHERE r.action = 'D' AND a.source = %s AND a.external_ref = r.ref
            """,
            [source],
        )
        report["deleted"] = self.env.cr.rowcount

    def _upsert(self, source, report):
        cr = self.env.cr
        # counted in SQL: fetching one RETURNING row per application cost ~90 MB per million
        cr.execute(
            """
            WITH written AS (
            INSERT INTO fitment_application AS a (
                product_tmpl_id, base_vehicle_id, year, engine_id, position, quantity, note,
                source, state, external_ref, create_uid, create_date, write_uid, write_date)
            SELECT product_tmpl_id, base_vehicle_id, year, engine_id, position, qty, note, %(source)s,
                   'approved', ref, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM (SELECT DISTINCT ON (ref) product_tmpl_id, base_vehicle_id, year, engine_id, position,
                           COALESCE(NULLIF(qty, 0), 1) AS qty, note, ref
                      FROM fitment_import_resolved
                     WHERE action = 'A' AND product_tmpl_id IS NOT NULL AND base_vehicle_id IS NOT NULL
                     ORDER BY ref, line DESC) latest
             -- in the order of the vehicle index: its pages are then written one after the other
             -- instead of at random (the table and its indexes are larger than shared_buffers)
             ORDER BY base_vehicle_id, product_tmpl_id
            ON CONFLICT (source, external_ref) DO UPDATE SET
                product_tmpl_id = EXCLUDED.product_tmpl_id, base_vehicle_id = EXCLUDED.base_vehicle_id,
                year = EXCLUDED.year,
                engine_id = EXCLUDED.engine_id, position = EXCLUDED.position, quantity = EXCLUDED.quantity,
                note = EXCLUDED.note, write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
             WHERE (a.product_tmpl_id, a.base_vehicle_id, a.engine_id, a.position, a.quantity, a.note)
                   IS DISTINCT FROM (EXCLUDED.product_tmpl_id, EXCLUDED.base_vehicle_id, EXCLUDED.engine_id,
                                     EXCLUDED.position, EXCLUDED.quantity, EXCLUDED.note)
            RETURNING (xmax = 0) AS created)
            SELECT count(*) FILTER (WHERE created), count(*) FROM written
            """,
            {"source": source, "uid": self.env.uid},
        )
        report["created"], written = cr.fetchone()
        report["updated"] = written - report["created"]
        cr.execute(
            """
            SELECT count(DISTINCT ref) FROM fitment_import_resolved
             WHERE action = 'A' AND product_tmpl_id IS NOT NULL AND base_vehicle_id IS NOT NULL
            """
        )
        report["unchanged"] = cr.fetchone()[0] - written
        cr.execute("DROP TABLE fitment_import_resolved")

    @api.model
    def format_report(self, report, max_unmatched=UNMATCHED_DETAIL_LIMIT):
        """The report as text for the wizard and the command line (at most max_unmatched lines listed)."""
        lines = [
            self.env._(
                "%(read)s read, %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
                "%(deleted)s deleted, %(skipped)s skipped (placeholder part numbers), %(unmatched)s unmatched.",
                read=report["read"],
                created=report["created"],
                updated=report["updated"],
                unchanged=report["unchanged"],
                deleted=report["deleted"],
                skipped=report["skipped"],
                unmatched=report["unmatched_count"],
            )
        ]
        listed = report["unmatched"][: max(0, max_unmatched)]
        for row in listed:
            if row["reason"] == "part":
                lines.append(
                    self.env._(
                        "Line %(line)s (App %(app)s): unknown part %(part)s %(brand)s",
                        line=row["line"],
                        app=row["app_id"],
                        part=row["part_number"],
                        brand=row["brand"],
                    )
                )
            else:
                lines.append(
                    self.env._(
                        "Line %(line)s (App %(app)s): vehicle not in the catalogue (part %(part)s)",
                        line=row["line"],
                        app=row["app_id"],
                        part=row["part_number"],
                    )
                )
        if report["unmatched_count"] > len(listed):
            lines.append(
                self.env._("… and %(count)s more unmatched lines.", count=report["unmatched_count"] - len(listed))
            )
        return "\n".join(lines)
