from . import fleet_maintenance_batch_wizard
