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
        if not employee_id or not pin:
            return self.browse()
        station = station.sudo()
        # One indexed lookup reading only what is compared (an hr.employee full-row fetch is costly
        # on every bar request); archived employees are not found, as before.
        employee = self.search_fetch([("id", "=", employee_id)], ["pin", "name", "company_id"], limit=1)
        if not employee:
            return self.browse()
        # Membership read straight from the relation table: reading station.employee_ids would fetch
        # every listed employee's full record (active filter) on every request.
        self.env.cr.execute(
            "SELECT hr_employee_id FROM bar_station_hr_employee_rel WHERE bar_station_id = %s", [station.id]
        )
        listed = {row[0] for row in self.env.cr.fetchall()}
        allowed = employee.id in listed if listed else employee.company_id == station.company_id
        if not allowed or not employee.pin:
            return self.browse()
        if not hmac.compare_digest(employee.pin.encode(), str(pin).encode()):
            return self.browse()
        return employee
