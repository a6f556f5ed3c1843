from datetime import date

from freezegun import freeze_time

from odoo.addons.service_orders.tests.common import ServiceOrderCommon
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFleetMaintenance(ServiceOrderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fleet_customer = cls.env["res.partner"].create(
            {"name": "Transportes Prueba SA", "is_company": True, "email": "flota@example.com"}
        )
        cls.fleet = cls.env["fleet.vehicle"].create(
            [
                {
                    "fitment_vehicle_id": cls.fitment_vehicle.id,
                    "license_plate": f"FLT-00{i}",
                    "customer_id": cls.fleet_customer.id,
                }
                for i in range(3)
            ]
        )
        cls.model = cls.fleet[0].model_id

    def _odometer(self, vehicle, value):
        self.env["fleet.vehicle.odometer"].create({"vehicle_id": vehicle.id, "value": value})

    def _plan(self, **vals):
        return self.env["fleet.maintenance.plan"].create(
            {
                "name": "Cambio de aceite",
                "model_id": self.model.id,
                "customer_id": self.fleet_customer.id,
                "interval_km": 5000,
                "interval_months": 6,
                "alert_km": 500,
                "alert_days": 15,
                "service_product_id": self.labour_product.id,
                **vals,
            }
        )

    def test_model_plan_creates_one_item_per_customer_vehicle(self):
        plan = self._plan()
        self.assertEqual(plan.item_ids.vehicle_id, self.fleet)
        self.assertNotIn(self.vehicle, plan.item_ids.vehicle_id, "other customers' vehicles are not scheduled")

    @freeze_time("2026-01-10")
    def test_due_by_km_boundaries(self):
        vehicle = self.fleet[0]
        self._odometer(vehicle, 10000)
        item = self._plan(vehicle_id=vehicle.id, model_id=False, customer_id=False).item_ids
        self.assertEqual((item.next_due_km, item.next_due_date), (15000, date(2026, 7, 10)))
        self._odometer(vehicle, 14499)
        self.assertEqual(item.state, "ok")
        self._odometer(vehicle, 14500)
        self.assertEqual(item.state, "soon")
        self._odometer(vehicle, 15000)
        self.assertEqual(item.state, "due", "exactly at N km is due")
        self._odometer(vehicle, 15501)
        self.assertEqual(item.state, "overdue")

    @freeze_time("2026-01-10")
    def test_reading_by_fleet_user_without_maintenance_rights(self):
        vehicle = self.fleet[0]
        self._odometer(vehicle, 10000)
        item = self._plan(vehicle_id=vehicle.id, model_id=False, customer_id=False).item_ids
        fleet_user = new_test_user(self.env, login="solo_flota", groups="base.group_user,fleet.fleet_group_manager")
        self.assertFalse(fleet_user.has_group("fleet_maintenance.group_fleet_maintenance_user"))
        # the vehicle form's odometer field: its inverse creates the reading
        vehicle.with_user(fleet_user).odometer = 15000
        self.assertEqual(item.state, "due", "a reading by any fleet user refreshes the schedule")

    def test_due_by_date_boundaries(self):
        with freeze_time("2026-01-10"):
            item = self._plan(vehicle_id=self.fleet[1].id, model_id=False, customer_id=False).item_ids
        for day, state in [
            ("2026-06-24", "ok"),
            ("2026-06-25", "soon"),
            ("2026-07-09", "soon"),
            ("2026-07-10", "due"),
            ("2026-07-25", "due"),
            ("2026-07-26", "overdue"),
        ]:
            with freeze_time(day):
                item._refresh_state()
                self.assertEqual(item.state, state, day)

    def test_km_only_plan(self):
        item = self._plan(vehicle_id=self.fleet[2].id, model_id=False, customer_id=False, interval_months=0).item_ids
        self.assertFalse(item.next_due_date)
        self.assertEqual(item.state, "ok")
        self._odometer(self.fleet[2], 5000)
        self.assertEqual(item.state, "due")
        item._refresh_state()
        self.assertEqual(item.state, "due")

    def test_odometer_cannot_go_backwards(self):
        self._odometer(self.fleet[0], 20000)
        with self.assertRaisesRegex(ValidationError, "backwards"):
            self._odometer(self.fleet[0], 19999)
        self.assertEqual(self.fleet[0].odometer, 20000)

    def test_cron_alerts_once(self):
        plan = self._plan()
        item = plan.item_ids.filtered(lambda i: i.vehicle_id == self.fleet[0])
        self._odometer(self.fleet[0], 5200)
        self.assertEqual(item.state, "due")
        self.env["fleet.maintenance.item"]._cron_check_due()
        self.assertEqual(len(item.activity_ids), 1)
        self.assertTrue(item.alert_sent_date)
        self.assertTrue(item.message_ids.filtered(lambda m: "Cambio de aceite" in (m.subject or "")))
        others = plan.item_ids - item
        self.assertFalse(others.activity_ids, "vehicles not due get no alert")
        self.env["fleet.maintenance.item"]._cron_check_due()
        self.assertEqual(len(item.activity_ids), 1, "no duplicate alert")

    def test_batch_creation_and_completion(self):
        plan = self._plan()
        for vehicle in self.fleet[:2]:
            self._odometer(vehicle, 5100)
        wizard = self.env["fleet.maintenance.batch.wizard"].create({})
        due_items = plan.item_ids.filtered(lambda i: i.vehicle_id in self.fleet[:2])
        self.assertLessEqual(due_items, wizard.item_ids, "due items are proposed by default")
        self.assertFalse(wizard.item_ids & (plan.item_ids - due_items), "items not due are not proposed")
        wizard.item_ids = due_items
        wizard.action_create_orders()
        orders = due_items.service_order_id
        self.assertEqual(len(orders), 2)
        self.assertEqual(orders.vehicle_id, self.fleet[:2])
        self.assertEqual(orders.partner_id, self.fleet_customer)
        self.assertEqual(orders.labour_ids.product_id, self.labour_product)
        # the next batch does not duplicate them
        self.assertFalse(self.env["fleet.maintenance.batch.wizard"].create({}).item_ids & due_items)
        order = orders[0]
        item = due_items.filtered(lambda i: i.service_order_id == order)
        order.checkin_odometer = 5150
        self._walk(order, "diagnosis")
        self._approve(order)
        self._walk(order, "repair", "quality_check", "ready", "delivered")
        self.assertEqual(item.last_done_km, 5150)
        self.assertEqual(item.next_due_km, 10150)
        self.assertEqual(item.state, "ok")
        self.assertFalse(item.service_order_id)

    def test_portal_customer_sees_only_its_vehicles(self):
        plan = self._plan()
        contact = self.env["res.partner"].create({"name": "Jefe de flota", "parent_id": self.fleet_customer.id})
        portal = new_test_user(self.env, "fleet_portal", groups="base.group_portal", partner_id=contact.id)
        other_order = self._new_order()
        vehicles = self.env["fleet.vehicle"].with_user(portal).search([])
        self.assertEqual(vehicles, self.fleet)
        items = self.env["fleet.maintenance.item"].with_user(portal).search([])
        self.assertEqual(items, plan.item_ids)
        with self.assertRaises(AccessError):
            other_order.with_user(portal).read(["name"])
        with self.assertRaises(AccessError):
            self.vehicle.with_user(portal).read(["license_plate"])
