import xmlrpc.client

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestGarageOwner(HttpCase):
    """A vehicle's owner decides whose portal shows its history: a POS clerk does not change it over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Marca dueño"})
        model = cls.env["fleet.vehicle.model"].create({"name": "Modelo dueño", "brand_id": brand.id})
        cls.owner = cls.env["res.partner"].create({"name": "Dueña actual"})
        cls.other = cls.env["res.partner"].create({"name": "Otro cliente"})
        cls.car = cls.env["fleet.vehicle"].create(
            {"model_id": model.id, "customer_id": cls.owner.id, "license_plate": "OWN-001-A"}
        )
        cls.ownerless = cls.env["fleet.vehicle"].create({"model_id": model.id, "license_plate": "OWN-002-A"})
        cls.clerk = new_test_user(
            cls.env, "fit_owner_clerk", password="fit_owner_clerk_1", groups="point_of_sale.group_pos_user"
        )
        cls.manager = new_test_user(
            cls.env, "fit_owner_manager", password="fit_owner_manager_1", groups="fleet.fleet_group_manager"
        )

    def _write(self, user, password, vehicle, vals):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, password, "fleet.vehicle", "write", [vehicle.ids, vals]
        )

    def test_clerk_cannot_change_or_clear_the_owner(self):
        for value in (self.other.id, False):
            with self.subTest(customer_id=value):
                with mute_logger("odoo.http", "odoo.service.model"), self.assertRaises(xmlrpc.client.Fault) as fault:
                    self._write(self.clerk, "fit_owner_clerk_1", self.car, {"customer_id": value, "color": "Rojo"})
                self.assertIn("owner", fault.exception.faultString)
        self.assertEqual(self.car.customer_id, self.owner)
        self.assertFalse(self.car.color, "nothing of the refused write is kept")

    def test_clerk_registers_the_garage(self):
        self._write(self.clerk, "fit_owner_clerk_1", self.ownerless, {"customer_id": self.other.id})
        self.assertEqual(self.ownerless.customer_id, self.other)
        self._write(self.clerk, "fit_owner_clerk_1", self.car, {"customer_note": "Llantas nuevas"})
        self._write(self.clerk, "fit_owner_clerk_1", self.car, {"customer_id": self.owner.id})
        self.assertEqual(self.car.customer_id, self.owner)

    def test_manager_hands_the_vehicle_over(self):
        self._write(self.manager, "fit_owner_manager_1", self.car, {"customer_id": self.other.id})
        self.assertEqual(self.car.customer_id, self.other)
