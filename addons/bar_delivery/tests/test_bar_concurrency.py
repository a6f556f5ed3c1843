import threading

import requests

from odoo.tests import tagged

from .common import BarDeliveryCommon


@tagged("post_install", "-at_install")
class TestBarConcurrency(BarDeliveryCommon):
    def test_parallel_deliveries_never_exceed_ordered(self):
        """8 bartenders press "deliver 1" on the same 3-beer ticket at the same instant."""
        order, _data = self._sell([(self.beer, 3)])
        ticket = self._ticket(order)
        line = ticket.line_ids
        self.authenticate("bar_tablet", "bar_tablet")
        cookies = self.opener.cookies
        barrier = threading.Barrier(8)
        statuses, errors = [], []

        def bartender(employee):
            session = requests.Session()
            session.cookies.update(cookies)
            params = {
                "payload": ticket.payload,
                "station_id": self.station.id,
                "employee_id": employee.id,
                "pin": employee.pin,
                "quantities": {str(line.id): 1},
            }
            try:
                barrier.wait(timeout=30)
                statuses.append(self._jsonrpc("/bar_delivery/deliver", params, opener=session)["result"]["status"])
            except Exception as exc:
                errors.append(repr(exc))

        threads = [threading.Thread(target=bartender, args=(emp,)) for emp in [self.ana, self.luis] * 4]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertFalse(errors)
        self.assertEqual(statuses.count("ok"), 3, statuses)
        self.assertEqual(sorted(set(statuses) - {"ok"}), ["delivered"], statuses)
        line.invalidate_recordset()
        self.assertEqual(line.qty_delivered, 3)
        self.assertEqual(ticket.state, "delivered")
        deliveries = (
            self.env["bar.delivery.log"]
            .sudo()
            .search([("ticket_id", "=", ticket.id), ("action", "=", "deliver"), ("result", "=", "accepted")])
        )
        self.assertEqual(sum(deliveries.mapped("qty_delivered")), 3)
