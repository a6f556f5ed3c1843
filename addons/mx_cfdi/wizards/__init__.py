from . import mx_cfdi_cancel_wizard
