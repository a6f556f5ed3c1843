from . import service_order, service_order_labour, service_order_stage, service_order_stage_history
