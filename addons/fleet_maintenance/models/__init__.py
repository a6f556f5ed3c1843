from . import fleet_maintenance_item, fleet_maintenance_plan, fleet_vehicle, fleet_vehicle_odometer, service_order
