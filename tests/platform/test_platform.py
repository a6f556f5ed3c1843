"""Checks of the platform itself, on the demo database scripts/test.sh has just made from scratch
the way scripts/run.sh makes it: Odoo 19, the suite installs into an empty database and upgrades
again, the web client and the POS load their asset bundles cleanly, and the demo data holds the
demo shop and bar."""

import os
import re
import subprocess
from pathlib import Path

import requests
from odoo_platform import error_lines, odoo_command, suite_addons

import odoo.release

ASSET_URL = re.compile(r'(?:src|href)="(/web/assets/[^"]+)"')


def test_odoo_is_19():
    assert odoo.release.version_info[0] == 19


def test_demo_database_was_created_and_installed_cleanly(db_name):
    log_dir = Path(os.environ.get("VAR_DIR", Path(__file__).resolve().parents[2] / "var")) / "log"
    logs = [log_dir / f"create-{db_name}.log", log_dir / f"install-{db_name}.log"]
    for log in logs:
        assert log.exists(), f"{log} is missing: was {db_name} made by scripts/lib.sh::ensure_demo_db?"
        assert error_lines(log.read_text(errors="replace")) == [], log


def test_every_addon_is_installed(cursor):
    cursor.execute("SELECT name FROM ir_module_module WHERE state = 'installed' AND name = ANY(%s)", [suite_addons()])
    assert sorted(r[0] for r in cursor.fetchall()) == suite_addons()


def test_suite_upgrades_again(db_name):
    result = subprocess.run(
        odoo_command("-d", db_name, "-u", ",".join(suite_addons()), "--stop-after-init", "--http-port=0"),
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert error_lines(output) == []
    assert "Modules loaded." in output


def test_demo_companies_and_pos_configs(cursor):
    cursor.execute("""
        SELECT c.name, cur.name, c.chart_template, p.name
          FROM pos_config p
          JOIN res_company c ON c.id = p.company_id
          JOIN res_currency cur ON cur.id = c.currency_id
         WHERE p.name IN ('Mostrador', 'Barra')
         ORDER BY p.name
    """)
    assert cursor.fetchall() == [
        ("Bar Demo", "MXN", "mx", "Barra"),
        ("Refaccionaria Demo", "MXN", "mx", "Mostrador"),
    ]


def _fetch_assets(session, base, html):
    urls = sorted(set(ASSET_URL.findall(html)))
    assert urls, "the page references no asset bundle"
    for url in urls:
        response = session.get(base + url, timeout=300)
        assert response.status_code == 200, url
        assert response.content, url
    return urls


def test_web_client_and_pos_assets_build_cleanly(odoo_server, cursor, db_name):
    base, log = odoo_server
    session = requests.Session()
    assert session.get(f"{base}/web/login", timeout=60).status_code == 200
    auth = session.post(
        f"{base}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db_name, "login": "admin", "password": "admin"}},
        timeout=60,
    ).json()
    assert auth.get("result", {}).get("uid"), auth

    backend = session.get(f"{base}/odoo", timeout=300)
    assert backend.status_code == 200
    _fetch_assets(session, base, backend.text)

    cursor.execute("SELECT id FROM pos_config WHERE name = 'Mostrador'")
    (config_id,) = cursor.fetchone()
    pos = session.get(f"{base}/pos/ui?config_id={config_id}", timeout=300)
    assert pos.status_code == 200
    assert any("point_of_sale" in url for url in _fetch_assets(session, base, pos.text))

    assert error_lines(log.read_text(errors="replace")) == []
