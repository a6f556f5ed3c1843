from . import test_access, test_claim, test_pos_tour, test_registration
