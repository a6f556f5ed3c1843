from . import test_cfdi_access, test_cfdi_concurrency, test_cfdi_invoice, test_migration, test_pos_cfdi
