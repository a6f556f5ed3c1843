"""Concurrency on committed data, with real transactions running in parallel.

An ordinary HttpCase serialises every request on the test's own cursor, which proves nothing
about row locks. Here the registry is left out of test mode (``registry_test_mode = False``):
the HTTP server of the test run opens a real cursor per request, as in production, and the data
the requests work on is committed beforehand from a separate cursor, then removed afterwards.
"""

import json
import logging
import threading
import time
import uuid
from unittest.mock import patch

import requests

from odoo import SUPERUSER_ID, Command, api
from odoo.addons.pos_tickets_qr.tests.common import paid_order_vals
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import HttpCase, tagged

_logger = logging.getLogger(__name__)

PARALLEL = 8
ORDERED = 3


@tagged("post_install", "-at_install")
class TestBarConcurrency(HttpCase):
    registry_test_mode = False  # requests get real cursors: separate, concurrent transactions

    def setUp(self):
        super().setUp()
        # The test runner holds the registry lock while tests run: let the server threads through
        # as registry test mode does, but keep registry.cursor() real (one transaction per request).
        self.startPatcher(patch.object(Registry, "_lock", DummyRLock()))
        self.startPatcher(patch.object(self.registry, "check_signaling", return_value=self.registry))
        self.tag = uuid.uuid4().hex[:8]
        self.fixture = {}
        self.addCleanup(self._drop_fixture)
        self._commit_fixture()

    # ------------------------------------------------------------------ committed fixture
    def _commit_fixture(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            env = env(context={"allowed_company_ids": company.ids})
            product = env["product.product"].create(
                {
                    "name": f"Concurrency beer {self.tag}",
                    "list_price": 50,
                    "type": "service",  # no stock move: the fixture stays easy to remove
                    "available_in_pos": True,
                    "taxes_id": [Command.clear()],
                }
            )
            self.fixture["product"] = product.id
            config = env["pos.config"].create(
                {"name": f"Concurrency bar {self.tag}", "qr_ticket_enabled": True, "qr_ticket_expiry": "never"}
            )
            self.fixture["config"] = config.id
            session = env["pos.session"].create({"config_id": config.id, "user_id": SUPERUSER_ID})
            self.fixture["session"] = session.id
            data = paid_order_vals(session, [(product, ORDERED)], SUPERUSER_ID)
            env["pos.order"].sync_from_ui([data])
            order = env["pos.order"].search([("uuid", "=", data["uuid"])])
            self.fixture["order"] = order.id
            ticket = env["pos.ticket"].search([("order_id", "=", order.id)])
            self.fixture["ticket"] = ticket.id
            employees = env["hr.employee"].create(
                [
                    {"name": f"Bartender {i} {self.tag}", "pin": f"{4000 + i}", "company_id": company.id}
                    for i in range(2)
                ]
            )
            self.fixture["employees"] = employees.ids
            station = env["bar.station"].create(
                {
                    "name": f"Concurrency station {self.tag}",
                    "company_id": company.id,
                    "employee_ids": [Command.set(employees.ids)],
                }
            )
            self.fixture["station"] = station.id
            login = f"bar_conc_{self.tag}"
            user = env["res.users"].create(
                {
                    "name": f"Bar tablet {self.tag}",
                    "login": login,
                    "password": login,
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "group_ids": [Command.set([env.ref("bar_delivery.group_bar_delivery_bartender").id])],
                }
            )
            self.fixture["user"] = user.id
            self.login = login
            self.payload = ticket.payload
            self.line_id = ticket.line_ids.id
            self.pins = [(e.id, e.pin) for e in employees]
            # leaving the block commits: the requests' own transactions must see all this

    def _drop_fixture(self):
        """Remove everything the fixture committed (the log is append-only for users: SQL here)."""
        ids = self.fixture
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if ids.get("ticket"):
                cr.execute("DELETE FROM bar_delivery_log WHERE ticket_id = %s", [ids["ticket"]])
                env["pos.ticket"].browse(ids["ticket"]).unlink()
            if ids.get("station"):
                cr.execute("DELETE FROM bar_delivery_log WHERE station_id = %s", [ids["station"]])
                env["bar.station"].browse(ids["station"]).unlink()
            if ids.get("order"):
                order = env["pos.order"].browse(ids["order"])
                order.payment_ids.unlink()
                cr.execute("UPDATE pos_order SET state = 'cancel' WHERE id = %s", [order.id])
                order.invalidate_recordset()
                order.unlink()
            if ids.get("session"):
                env["pos.session"].browse(ids["session"]).unlink()
            if ids.get("config"):
                env["pos.config"].browse(ids["config"]).unlink()
            if ids.get("product"):
                product = env["product.product"].browse(ids["product"])
                template = product.product_tmpl_id
                template.available_in_pos = False  # products of open sessions cannot be deleted
                product.unlink()
                template.unlink()
            if ids.get("employees"):
                employees = env["hr.employee"].browse(ids["employees"])
                contacts = employees.work_contact_id
                employees.unlink()
                self._unlink_or_archive(contacts)
            if ids.get("user"):
                user = env["res.users"].browse(ids["user"])
                partner = user.partner_id
                self._unlink_or_archive(user)
                self._unlink_or_archive(partner)
            # leaving the block commits the removal

    @staticmethod
    def _unlink_or_archive(records):
        """Users and partners may be referenced by login/device logs: archive them then."""
        try:
            with records.env.cr.savepoint():
                records.unlink()
        except Exception:  # anything that prevents the deletion
            _logger.info("could not delete %s, archived instead", records)
            records.write({"active": False})

    def _fresh(self, fn):
        """Run ``fn(env)`` in a new transaction (sees what the requests committed)."""
        with self.registry.cursor() as cr:
            return fn(api.Environment(cr, SUPERUSER_ID, {}))

    # ------------------------------------------------------------------ tests
    def test_parallel_http_deliveries_never_exceed_ordered(self):
        """8 bartenders press "deliver 1" on the same 3-beer ticket at the same instant, each request
        in its own server thread and transaction: exactly 3 are accepted, the others refused."""
        base = self.base_url()
        login = requests.post(
            f"{base}/web/session/authenticate",
            json={"jsonrpc": "2.0", "params": {"db": self.env.cr.dbname, "login": self.login, "password": self.login}},
            timeout=60,
        )
        login.raise_for_status()
        self.assertEqual(login.json()["result"]["uid"], self.fixture["user"])
        cookies = login.cookies
        barrier = threading.Barrier(PARALLEL)
        results, errors = [], []

        def bartender(index):
            employee_id, pin = self.pins[index % len(self.pins)]
            params = {
                "payload": self.payload,
                "station_id": self.fixture["station"],
                "employee_id": employee_id,
                "pin": pin,
                "quantities": {str(self.line_id): 1},
            }
            body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": index, "params": params})
            try:
                with requests.Session() as http:
                    http.cookies.update(cookies)
                    barrier.wait(timeout=60)
                    started = time.monotonic()
                    response = http.post(
                        f"{base}/bar_delivery/deliver",
                        data=body,
                        headers={"Content-Type": "application/json"},
                        timeout=120,
                    )
                    response.raise_for_status()
                    results.append((started, time.monotonic(), response.json()["result"]["status"]))
            except Exception as exc:  # reported by the assertion below
                errors.append(repr(exc))

        threads = [threading.Thread(target=bartender, args=(i,)) for i in range(PARALLEL)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=180)
        self.assertFalse(errors)
        statuses = [status for _start, _end, status in results]
        self.assertEqual(len(statuses), PARALLEL)
        # the requests really overlapped: every one started before the first one answered
        self.assertLess(max(start for start, _end, _s in results), min(end for _s, end, _st in results))
        self.assertEqual(statuses.count("ok"), ORDERED, statuses)
        self.assertLessEqual(set(statuses) - {"ok"}, {"delivered", "over_quantity"}, statuses)

        def check(env):
            ticket = env["pos.ticket"].browse(self.fixture["ticket"])
            logs = env["bar.delivery.log"].search([("ticket_id", "=", ticket.id), ("action", "=", "deliver")])
            accepted = logs.filtered(lambda log: log.result == "accepted")
            return (
                ticket.state,
                ticket.line_ids.qty_delivered,
                len(accepted),
                sum(accepted.mapped("qty_delivered")),
                len(logs),
            )

        self.assertEqual(self._fresh(check), ("delivered", ORDERED, ORDERED, ORDERED, PARALLEL))

    def test_second_delivery_waits_for_the_row_lock(self):
        """While one transaction holds the ticket locked, a second delivery blocks on the lock
        (seen in pg_stat_activity); once the first commits, the second one cannot go on with what
        it read before (Odoo retries it, as its HTTP layer does) and is refused: never twice."""
        ticket_id, station_id, employee_id = self.fixture["ticket"], self.fixture["station"], self.pins[0][0]
        outcome = {"attempts": 0}

        def second_bartender():
            with self.registry.cursor() as cr:
                env = api.Environment(cr, self.fixture["user"], {})
                cr.execute("SELECT pg_backend_pid()")
                outcome["pid"] = cr.fetchone()[0]

                def deliver():
                    outcome["attempts"] += 1
                    station = env["bar.station"].browse(station_id)
                    employee = env["hr.employee"].sudo().browse(employee_id)
                    return env["pos.ticket"]._bar_deliver(self.payload, station, employee)

                outcome["result"] = retrying(deliver, env)

        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.fixture["user"], {})
            env["pos.ticket"].browse(ticket_id)._bar_lock()
            waiter = threading.Thread(target=second_bartender)
            waiter.start()
            self.assertTrue(self._wait_until_blocked(outcome), "the second delivery must wait for the row lock")
            self.assertNotIn("result", outcome)
            station = env["bar.station"].browse(station_id)
            employee = env["hr.employee"].sudo().browse(employee_id)
            first = env["pos.ticket"]._bar_deliver(self.payload, station, employee)
            self.assertEqual(first["status"], "ok")
            # leaving the block commits the first delivery and releases the lock
        waiter.join(timeout=60)
        self.assertFalse(waiter.is_alive())
        self.assertEqual(outcome["result"]["status"], "delivered")
        self.assertEqual(outcome["attempts"], 2, "the blocked attempt is cancelled, the retry sees the delivery")
        qty, logs = self._fresh(
            lambda env: (
                env["pos.ticket"].browse(ticket_id).line_ids.qty_delivered,
                env["bar.delivery.log"].search([("ticket_id", "=", ticket_id)], order="id").mapped("reason"),
            )
        )
        self.assertEqual(qty, ORDERED)
        self.assertEqual(logs, ["ok", "delivered"])

    def _wait_until_blocked(self, outcome, timeout=60):
        """True once the waiter's backend waits on a row lock."""
        deadline = time.monotonic() + timeout
        with self.registry.cursor() as cr:
            while time.monotonic() < deadline:
                if outcome.get("pid"):
                    cr.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [outcome["pid"]])
                    row = cr.fetchone()
                    if row and row[0] == "Lock":
                        return True
                cr.rollback()
                time.sleep(0.05)
        return False
