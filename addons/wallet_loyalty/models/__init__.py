from . import (
    loyalty_card,
    pos_config,
    pos_order,
    pos_payment_method,
    product_template,
    res_company,
    res_partner,
    res_users,
    wallet_fiado_aging,
    wallet_fiado_approval,
    wallet_tier,
    wallet_transaction,
)
