from . import test_fleet_maintenance
