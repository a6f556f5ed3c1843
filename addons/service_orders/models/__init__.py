from . import (
    fleet_vehicle,
    repair_order,
    service_order,
    service_order_checklist_item,
    service_order_checklist_line,
    service_order_labour,
    service_order_stage,
    service_order_stage_history,
    service_order_type,
)
