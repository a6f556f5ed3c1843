from . import test_cfdi_concurrency, test_cfdi_invoice, test_pos_cfdi
