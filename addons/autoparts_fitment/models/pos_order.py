import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

# decided by the server (a stored related of the catalogue vehicle): never taken from the POS data
SERVER_FIELDS = ("fitment_base_vehicle_id",)


class PosOrder(models.Model):
    """The vehicle chosen at the counter, kept on the order and printed on the receipt.

    The POS loads every pos.order field, so both fields travel with the order both ways
    (fitment.vehicle and fleet.vehicle are POS-loaded models, see pos_session.py).
    """

    _inherit = "pos.order"

    fitment_vehicle_id = fields.Many2one(
        "fitment.vehicle", string="Vehicle", index="btree_not_null", help="Vehicle chosen at the counter"
    )
    fitment_base_vehicle_id = fields.Many2one(related="fitment_vehicle_id.base_vehicle_id", store=True)
    fitment_garage_vehicle_id = fields.Many2one(
        "fleet.vehicle",
        string="Customer vehicle",
        index="btree_not_null",
        help="The customer's own vehicle (garage) when it was chosen by plate or from the garage",
    )

    @api.model
    def _process_order(self, order, existing_order):
        self._fitment_clean_order_data(order)
        return super()._process_order(order, existing_order)

    @api.model
    def _fitment_clean_order_data(self, order):
        """The POS data of one order, as this addon accepts it: its server-owned fields dropped, and the
        vehicles kept only when the cashier could have chosen them (existing, readable under the record
        rules, as the selector offers them). A paid order is never refused for its vehicle."""
        for name in SERVER_FIELDS:
            order.pop(name, None)
        vehicle_id = order.get("fitment_vehicle_id")
        if vehicle_id and not self.env["fitment.vehicle"].with_context(active_test=False).search_count(
            [("id", "=", vehicle_id)]
        ):
            _logger.warning("POS order %s: unknown catalogue vehicle %s dropped", order.get("uuid"), vehicle_id)
            order["fitment_vehicle_id"] = False
        garage_id = order.get("fitment_garage_vehicle_id")
        if garage_id and not self.env["fleet.vehicle"].with_context(active_test=False).search_count(
            [("id", "=", garage_id)]
        ):
            _logger.warning("POS order %s: customer vehicle %s out of reach, dropped", order.get("uuid"), garage_id)
            order["fitment_garage_vehicle_id"] = False
