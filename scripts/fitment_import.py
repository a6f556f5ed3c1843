#!/usr/bin/env python3
"""Import a big ACES XML or shop CSV file of fitment applications into a suite database, with progress.

    .venv/bin/python scripts/fitment_import.py -d suite_demo catalogo_aces.xml
    .venv/bin/python scripts/fitment_import.py -d suite_demo --type csv --encoding latin-1 tienda.csv
    .venv/bin/python scripts/fitment_import.py -d suite_demo --dry-run catalogo_aces.xml

Runs the autoparts_fitment addon's importer (`fitment.importer.import_path`, the same code as the
back-office wizard) in the Odoo environment, as the superuser, in ONE transaction: committed at the
end; rolled back, nothing written, on any error or with --dry-run. The file is streamed, never loaded
whole. Database connection from the same environment as scripts/lib.sh (PGHOST, PGPORT, PGUSER_ODOO,
PGPASSWORD_ODOO). Exit status: 0 imported, 1 refused (malformed file...), 2 bad arguments.
"""

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ODOO_PY = Path(os.environ.get("ODOO_ROOT", REPO / "vendor" / "odoo")) / "usr" / "lib" / "python3" / "dist-packages"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="ACES 4.2/5.0 XML file or shop CSV")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--type", choices=("aces", "csv"), help="default: csv for *.csv, else aces")
    parser.add_argument("--encoding", default="utf-8-sig", help="CSV encoding (default UTF-8, BOM allowed)")
    parser.add_argument("--dry-run", action="store_true", help="import, print the report, then roll back")
    parser.add_argument("--max-unmatched", type=int, default=50, help="unmatched lines printed (default 50)")
    args = parser.parse_args(argv)
    if not args.file.is_file():
        parser.error(f"no such file: {args.file}")
    return args


def format_progress(read, position, size, elapsed):
    """One progress line: applications read, share of the file, rate."""
    percent = 100.0 * position / size if size else 100.0
    rate = read / elapsed if elapsed > 0 else 0.0
    return f"{read:>12,} applications read  {percent:5.1f}% of {size / 1e6:,.1f} MB  {rate:>9,.0f}/s"


class Progress:
    """Prints progress lines on `out` (overwriting the line on a terminal)."""

    def __init__(self, out):
        self.out = out
        self.started = time.monotonic()
        self.tty = out.isatty() if hasattr(out, "isatty") else False

    def __call__(self, read, position, size):
        line = format_progress(read, position, size, time.monotonic() - self.started)
        self.out.write(f"\r{line}" if self.tty else f"{line}\n")
        self.out.flush()

    def done(self):
        if self.tty:
            self.out.write("\n")


def run_import(env, path, file_type=None, encoding="utf-8-sig", out=sys.stderr, max_unmatched=50):
    """Import `path` with the addon's importer; print progress and the report; return the report dict."""
    importer = env["fitment.importer"]
    progress = Progress(out)
    report = importer.import_path(path, file_type=file_type, progress=progress, encoding=encoding)
    progress.done()
    out.write(importer.format_report(report, max_unmatched=max_unmatched) + "\n")
    rate = report["read"] / report["seconds"] if report["seconds"] else 0
    out.write(f"{report['seconds']} s, {rate:,.0f} applications/s\n")
    return report


def _odoo_env_args(database):
    return [
        "-c",
        str(REPO / "odoo.conf"),
        f"--addons-path={ODOO_PY / 'odoo' / 'addons'},{REPO / 'addons'}",
        f"--data-dir={Path(os.environ.get('VAR_DIR', REPO / 'var')) / 'filestore'}",
        f"--db_host={os.environ.get('PGHOST', '127.0.0.1')}",
        f"--db_port={os.environ.get('PGPORT', '5432')}",
        f"--db_user={os.environ.get('PGUSER_ODOO', 'odoo')}",
        f"--db_password={os.environ.get('PGPASSWORD_ODOO', 'odoo')}",
        f"--database={database}",
        "--log-level=warn",
    ]


def main(argv=None):
    args = parse_args(argv)
    sys.path.insert(0, str(ODOO_PY))
    # Odoo is importable only once its path is known
    from odoo import api
    from odoo.exceptions import UserError
    from odoo.modules.registry import Registry
    from odoo.service import server
    from odoo.tools import config

    config.parse_config(_odoo_env_args(args.database), setup_logging=True)
    server.load_server_wide_modules()
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        if "fitment.importer" not in env:
            sys.stderr.write(f"autoparts_fitment is not installed in {args.database}\n")
            return 2
        try:
            run_import(env, args.file, args.type, args.encoding, sys.stderr, args.max_unmatched)
        except UserError as error:
            cr.rollback()
            sys.stderr.write(f"\n{error.args[0]}\n")
            return 1
        if args.dry_run:
            cr.rollback()
            sys.stderr.write("dry run: rolled back, nothing written\n")
        else:
            cr.commit()
            sys.stderr.write("committed\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
