import hmac

from odoo import api, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    @api.model
    def _bar_check_pin(self, station, employee_id, pin):
        """The employee if ``pin`` is hers and she may work at ``station``, else an empty recordset.

        Called as superuser by the bar controller: PINs are readable by HR officers only; this
        compares them without ever returning them.
        """
        try:
            employee_id = int(employee_id or 0)
        except (TypeError, ValueError):
            return self.browse()
        station = station.sudo()
        employee = self.browse(employee_id).exists()
        allowed = station.employee_ids or self.search([("company_id", "=", station.company_id.id)])
        if not employee or employee not in allowed or not employee.pin or not pin:
            return self.browse()
        if not hmac.compare_digest(employee.pin.encode(), str(pin).encode()):
            return self.browse()
        return employee
