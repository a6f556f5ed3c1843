from . import (
    account_move,
    pos_order,
    pos_order_line,
    product_category,
    product_template,
    res_partner,
    res_users,
    stock_picking,
    stock_warehouse,
    warranty_claim,
    warranty_term,
    warranty_warranty,
)
