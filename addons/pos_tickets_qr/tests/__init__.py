from . import test_hanger_concurrency, test_pos_ticket, test_pos_tour, test_scan_route
