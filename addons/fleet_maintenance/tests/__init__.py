from . import test_batch_concurrency, test_fleet_maintenance, test_portal
