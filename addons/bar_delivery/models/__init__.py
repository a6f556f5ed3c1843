from . import bar_delivery_log, bar_station, hr_employee, pos_ticket
