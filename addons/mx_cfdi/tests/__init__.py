from . import test_cfdi_invoice
