from . import test_access, test_claim, test_concurrency, test_portal, test_pos_tour, test_qr_lookup, test_registration
