{
    "name": "Wallet, Tiers and Store Credit",
    "summary": "Customer wallet, points and tiers, store credit (fiado) and savings, safe at the POS",
    "version": "19.0.1.0.0",
    "category": "Point of Sale",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "depends": [
        "pos_loyalty",
        "portal",
    ],
    "data": [
        "security/wallet_loyalty_security.xml",
        "security/ir.model.access.csv",
        "data/product_data.xml",
        "data/ir_cron.xml",
        "wizards/wallet_topup_wizard_views.xml",
        "views/wallet_transaction_views.xml",
        "views/wallet_tier_views.xml",
        "views/wallet_fiado_aging_views.xml",
        "views/res_partner_views.xml",
        "views/pos_payment_method_views.xml",
        "views/product_template_views.xml",
        "views/pos_order_views.xml",
        "views/wallet_fiado_approval_views.xml",
        "views/res_users_views.xml",
        "views/res_company_views.xml",
        "views/portal_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/wallet_demo.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "wallet_loyalty/static/src/app/**/*",
        ],
        "web.assets_tests": [
            "wallet_loyalty/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
