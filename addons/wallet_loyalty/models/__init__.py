from . import (
    loyalty_card,
    pos_order,
    pos_payment_method,
    product_template,
    res_company,
    res_partner,
    wallet_fiado_aging,
    wallet_tier,
    wallet_transaction,
)
