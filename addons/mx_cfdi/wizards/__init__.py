from . import mx_cfdi_cancel_wizard, mx_cfdi_csd_wizard
