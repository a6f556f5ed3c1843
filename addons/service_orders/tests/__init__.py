from . import test_concurrency, test_portal_quote, test_pos_billing, test_service_order, test_technician_access
