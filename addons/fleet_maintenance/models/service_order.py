from odoo import fields, models


class ServiceOrder(models.Model):
    _inherit = "service.order"

    maintenance_item_ids = fields.One2many("fleet.maintenance.item", "service_order_id", string="Scheduled maintenance")

    def _move_to_stage(self, target):
        res = super()._move_to_stage(target)
        if self.stage_code == "delivered" and self.maintenance_item_ids:
            odometer = self.checkin_odometer or self.vehicle_id.odometer
            self.maintenance_item_ids._mark_done(odometer, fields.Date.context_today(self))
        elif self.stage_code == "cancelled":
            self.maintenance_item_ids.service_order_id = False
        return res
