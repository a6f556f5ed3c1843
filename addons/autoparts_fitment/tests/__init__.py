from . import test_api, test_catalogue, test_import, test_vin_garage
