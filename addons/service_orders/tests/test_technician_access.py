import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import WorkshopDataMixin


@tagged("post_install", "-at_install")
class TestTechnicianAccess(WorkshopDataMixin, HttpCase):
    """A technician over XML-RPC, as a tampered client would be: only the orders assigned to him, no approval.

    Technicians see an order because a service advisor or the workshop manager set them as its technician;
    only those (or the customer on the portal) approve its quote.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_workshop()
        cls.tech = new_test_user(
            cls.env, "so_tech_rpc", password="so_tech_rpc_pw1", groups="service_orders.group_service_orders_technician"
        )
        cls.other_tech = new_test_user(
            cls.env, "so_tech_other", groups="service_orders.group_service_orders_technician"
        )
        cls.advisor = new_test_user(
            cls.env, "so_advisor_rpc", password="so_advisor_rpc_pw1", groups="service_orders.group_service_orders_user"
        )
        cls.assigned = cls.env["service.order"].create({"vehicle_id": cls.vehicle.id, "technician_id": cls.tech.id})
        cls.unassigned = cls.env["service.order"].create(
            {
                "vehicle_id": cls.vehicle.id,
                "technician_id": cls.other_tech.id,
                "internal_notes": "<p>Cliente conflictivo</p>",
            }
        )

    def _rpc(self, user, password, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(self.env.cr.dbname, user.id, password, model, method, list(args), kwargs)

    def _tech(self, model, method, *args, **kwargs):
        return self._rpc(self.tech, "so_tech_rpc_pw1", model, method, *args, **kwargs)

    def _advisor(self, model, method, *args, **kwargs):
        return self._rpc(self.advisor, "so_advisor_rpc_pw1", model, method, *args, **kwargs)

    def _refused(self, call, *args, **kwargs):
        with mute_logger("odoo.http", "odoo.service.model"), self.assertRaises(xmlrpc.client.Fault) as fault:
            call(*args, **kwargs)
        return fault.exception.faultString

    def test_labour_line_naming_himself_gives_no_access(self):
        labour = {"order_id": self.unassigned.id, "product_id": self.labour_product.id, "technician_id": self.tech.id}
        self._refused(self._tech, "service.order.labour", "create", labour)
        self.assertFalse(self.unassigned.labour_ids)
        self._refused(self._tech, "service.order", "read", [self.unassigned.id], ["name"])
        self.assertEqual(self._tech("service.order", "search", []), [self.assigned.id])
        # nor the lines, the history or the repair of the other order
        self.assertFalse(self._tech("service.order.stage.history", "search", [("order_id", "=", self.unassigned.id)]))
        self._refused(self._tech, "repair.order", "read", [self.unassigned.repair_id.id], ["internal_notes"])
        self._refused(self._tech, "repair.order", "write", [self.unassigned.repair_id.id], {"internal_notes": "x"})
        self.assertNotIn(self.unassigned.repair_id.id, self._tech("repair.order", "search", []))

    def test_technician_cannot_assign_orders(self):
        self._refused(self._tech, "service.order", "write", [self.unassigned.id], {"technician_id": self.tech.id})
        message = self._refused(
            self._tech, "service.order", "write", [self.assigned.id], {"technician_id": self.other_tech.id}
        )
        self.assertIn("assigns technicians", message)
        self.assertEqual(self.unassigned.technician_id, self.other_tech)
        self.assertEqual(self.assigned.technician_id, self.tech)
        # a service advisor (or the workshop manager) assigns
        self._advisor("service.order", "write", [self.unassigned.id], {"technician_id": self.tech.id})
        self.assertIn(self.unassigned.id, self._tech("service.order", "search", []))

    def test_technician_cannot_approve_the_quote(self):
        self._tech("service.order", "action_send_quote", [self.assigned.id])
        self.assertEqual(self.assigned.quote_state, "sent")
        self._refused(self._tech, "service.order", "write", [self.assigned.id], {"quote_state": "approved"})
        self._refused(
            self._tech,
            "service.order",
            "write",
            [self.assigned.id],
            {"quote_approved_by": "Cliente Taller", "quote_approval_method": "phone"},
        )
        self._refused(self._tech, "service.order", "action_approve_quote", [self.assigned.id])
        self._refused(self._tech, "service.order", "action_reject_quote", [self.assigned.id])
        self.assertEqual(self.assigned.quote_state, "sent")
        self.assertFalse(self.assigned.quote_approved_by)
        # the repair cannot start without the customer's approval
        self._tech("service.order", "write", [self.assigned.id], {"stage_id": self.stage["diagnosis"].id})
        message = self._refused(
            self._tech, "service.order", "write", [self.assigned.id], {"stage_id": self.stage["repair"].id}
        )
        self.assertIn("approve the quote", message)

    def test_advisor_records_the_approval_but_never_writes_the_state(self):
        self._refused(self._advisor, "service.order", "write", [self.assigned.id], {"quote_state": "approved"})
        self._refused(
            self._advisor, "service.order", "create", {"vehicle_id": self.vehicle.id, "quote_state": "approved"}
        )
        self._advisor(
            "service.order",
            "write",
            [self.assigned.id],
            {"quote_approved_by": "Cliente Taller", "quote_approval_method": "phone"},
        )
        self._advisor("service.order", "action_approve_quote", [self.assigned.id])
        self.assertEqual(self.assigned.quote_state, "approved")
        self.assertTrue(self.assigned.quote_approval_date)

    def test_technician_works_on_the_assigned_order(self):
        labour = {"order_id": self.assigned.id, "product_id": self.labour_product.id, "hours": 2}
        self._tech("service.order.labour", "create", labour)
        self.assertEqual(self.assigned.labour_ids.technician_id, self.tech)
        self._tech("service.order", "write", [self.assigned.id], {"stage_id": self.stage["diagnosis"].id})
        self.assertEqual(self.assigned.stage_code, "diagnosis")
        history = self.assigned.stage_history_ids.sorted("id")
        self.assertEqual(history[-1].user_id, self.tech)
        self.assertTrue(history[0].date_out, "the stay in Received was closed by the technician's move")
        # the history is the stage machine's: nobody writes it by hand
        self._refused(
            self._tech,
            "service.order.stage.history",
            "create",
            {"order_id": self.assigned.id, "stage_id": self.stage["ready"].id},
        )
        self._refused(self._tech, "service.order.stage.history", "write", history.ids, {"date_out": False})

    def test_billing_and_cancelling_are_for_advisors(self):
        self._refused(self._tech, "service.order", "action_create_sale_order", [self.assigned.id])
        self._refused(self._tech, "service.order", "action_cancel_order", [self.assigned.id])
        self._refused(
            self._tech, "service.order", "write", [self.assigned.id], {"stage_id": self.stage["cancelled"].id}
        )
        self.assertFalse(self.assigned.sale_order_id)
        self.assertEqual(self.assigned.stage_code, "received")
        self._advisor("service.order", "action_cancel_order", [self.assigned.id])
        self.assertEqual(self.assigned.stage_code, "cancelled")

    def test_stage_history_follows_the_company_of_its_order(self):
        other_company = self.env["res.company"].create({"name": "Otro taller"})
        foreign = self.env["service.order"].with_company(other_company).create({"partner_id": self.customer.id})
        self.assertEqual(foreign.company_id, other_company)
        self.assertNotIn(other_company, self.advisor.company_ids)
        self.assertFalse(self._advisor("service.order.stage.history", "search", [("order_id", "=", foreign.id)]))
        self.assertTrue(self._advisor("service.order.stage.history", "search", [("order_id", "=", self.assigned.id)]))
