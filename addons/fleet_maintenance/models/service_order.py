from odoo import fields, models


class ServiceOrder(models.Model):
    _inherit = "service.order"

    maintenance_item_ids = fields.One2many("fleet.maintenance.item", "service_order_id", string="Scheduled maintenance")

    def _move_to_stage(self, target):
        res = super()._move_to_stage(target)
        # sudo: the schedule follows the order's delivery or cancellation (the move's write access was checked),
        # also when an advisor or technician without fleet-maintenance rights moves it
        items = self.sudo().maintenance_item_ids
        if self.stage_code == "delivered" and items:
            odometer = self.checkin_odometer or self.vehicle_id.odometer
            items._mark_done(odometer, fields.Date.context_today(self))
        elif self.stage_code == "cancelled":
            items.service_order_id = False
        return res
