from . import (
    account_move,
    account_partial_reconcile,
    mx_cfdi_catalog,
    mx_cfdi_document,
    product_template,
    res_company,
    res_partner,
)
