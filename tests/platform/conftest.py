"""Fixtures of the platform checks: they run against the database scripts/test.sh just built."""

import os
import socket
import subprocess
import time

import psycopg2
import pytest
import requests
from odoo_platform import odoo_command


@pytest.fixture(scope="session")
def db_name():
    name = os.environ.get("ODOO_TEST_DB")
    assert name, "ODOO_TEST_DB must name the database built by scripts/test.sh"
    return name


@pytest.fixture(scope="session")
def cursor(db_name):
    conn = psycopg2.connect(
        dbname=db_name,
        host=os.environ.get("PGHOST", "127.0.0.1"),
        port=os.environ.get("PGPORT", "5432"),
        user=os.environ.get("PGUSER_ODOO", "odoo"),
        password=os.environ.get("PGPASSWORD_ODOO", "odoo"),
    )
    conn.autocommit = True
    with conn.cursor() as cr:
        yield cr
    conn.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def odoo_server(db_name, tmp_path_factory):
    """An Odoo server on the test database; yields (base_url, log_path)."""
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "odoo.log"
    proc = subprocess.Popen(
        odoo_command(
            "-d", db_name, f"--db-filter=^{db_name}$", f"--http-port={port}", f"--logfile={log}", "--max-cron-threads=0"
        ),
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/web/health", timeout=2).status_code == 200:
                break
        except requests.RequestException:
            pass
        assert proc.poll() is None, "Odoo exited while starting: " + log.read_text(errors="replace")[-3000:]
        time.sleep(0.5)
    else:
        pytest.fail("Odoo did not answer /web/health within 120 s")
    yield base, log
    os.killpg(proc.pid, 15)
    proc.wait(timeout=30)
