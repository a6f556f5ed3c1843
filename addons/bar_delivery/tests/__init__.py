from . import test_bar_concurrency, test_bar_delivery, test_bar_tour
