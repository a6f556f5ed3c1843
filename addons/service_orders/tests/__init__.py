from . import test_service_order
