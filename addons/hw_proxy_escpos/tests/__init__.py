from . import test_pos_printer, test_pos_tour
