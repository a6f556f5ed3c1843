"""A neutralized copy of a shop's database (``odoo db duplicate --neutralize``, Odoo's staging mechanism)
cannot reach anything real: the addons' ``data/neutralize.sql`` switch the PAC to the local demo, clear
its credentials and the proxy addresses, rotate the QR ticket secret and turn vPIC and the AI off.

The test gives a copy of the demo database production-like settings pointing at local fake services,
shows that the suite's outward actions do reach them there, neutralizes a copy of that, and shows that
the same actions reach nothing from it.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from odoo_platform import REPO_ROOT, drop_db, psql, run_odoo


class _CountingHandler(BaseHTTPRequestHandler):
    def _refuse(self):
        self.server.hits += 1
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _refuse

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_services():
    """Three fake outside services (PAC, vPIC, LLM) on 127.0.0.1 that count the requests they get."""
    servers = {}
    for name in ("pac", "vpic", "ai"):
        server = ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
        server.hits = 0
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[name] = server
    yield servers
    for server in servers.values():
        server.shutdown()
        server.server_close()


def _url(server):
    return f"http://127.0.0.1:{server.server_address[1]}"


def _production_like(services):
    """SQL a shop's production database would hold: a real PAC, vPIC and AI on, box addresses set."""
    return f"""
        UPDATE res_company SET mx_cfdi_pac = 'finkok', mx_cfdi_pac_url = '{_url(services["pac"])}',
               mx_cfdi_pac_username = 'shop@example.mx', mx_cfdi_pac_password = 'production-secret';
        INSERT INTO ir_config_parameter (key, value) VALUES
               ('autoparts_fitment.vpic_enabled', '1'), ('autoparts_fitment.vpic_url', '{_url(services["vpic"])}'),
               ('autoparts_fitment.ai_enabled', '1'), ('autoparts_fitment.ai_url', '{_url(services["ai"])}'),
               ('autoparts_fitment.ai_key', 'sk-production'),
               ('pos_tickets_qr.signing_secret', 'production-ticket-secret')
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
        UPDATE pos_config SET is_posbox = true, proxy_ip = 'http://192.168.1.20:8069';
        INSERT INTO pos_printer (name, company_id, printer_type, escpos_proxy_url, create_date, write_date)
             SELECT 'Cocina', id, 'escpos_proxy', 'http://192.168.1.20:8069', now(), now() FROM res_company;
    """


def _probe(db, tmp_path):
    report = tmp_path / f"{db}.json"
    script = (REPO_ROOT / "tests/platform/outward_actions.py").read_text()
    run_odoo("shell", "-d", db, "--no-http", stdin=script, env={"OUTWARD_REPORT": str(report)})
    return json.loads(report.read_text())


def test_neutralized_copy_reaches_nothing_real(db_name, fake_services, tmp_path):
    production, staging = f"{db_name}_prodlike", f"{db_name}_staging"
    run_odoo("db", "duplicate", "--force", db_name, production)
    try:
        psql(production, _production_like(fake_services))
        seen = _probe(production, tmp_path)
        # the probe does reach out from a production-like database (so it can see a leak)
        assert seen["pac"] == "FinkokPac"
        assert {name: server.hits > 0 for name, server in fake_services.items()} == {
            "pac": True,
            "vpic": True,
            "ai": True,
        }
        assert seen["pos_proxies"] and seen["escpos_printer_urls"]
        assert seen["pac_credentials"] == [True, True, True]

        run_odoo("db", "duplicate", "--force", "--neutralize", production, staging)
        for server in fake_services.values():
            server.hits = 0
        copy = _probe(staging, tmp_path)
        assert {name: server.hits for name, server in fake_services.items()} == {"pac": 0, "vpic": 0, "ai": 0}
        assert copy["pac"] == "DemoPac"
        assert copy["cfdi_state"] == "stamped"  # by the demo PAC: no fiscal value, nothing sent anywhere
        assert copy["pac_credentials"] == [False, False, False]
        assert copy["vpic"] == {}
        assert copy["ai_job_attempts"] == 0
        assert copy["ai_key_set"] is False
        assert copy["pos_proxies"] == []
        assert copy["escpos_printer_urls"] == []
        assert copy["ticket_secret_sha256"] not in ("", seen["ticket_secret_sha256"])
    finally:
        drop_db(production)
        drop_db(staging)
