from . import (
    account_move,
    account_move_send,
    account_partial_reconcile,
    mx_cfdi_catalog,
    mx_cfdi_document,
    pos_order,
    pos_payment_method,
    pos_session,
    product_template,
    res_company,
    res_partner,
)
