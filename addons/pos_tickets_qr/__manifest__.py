{
    "name": "POS QR Tickets",
    "summary": "A signed QR ticket for every POS order (delivery, entry, coat check), printed and scannable",
    "version": "19.0.1.0.0",
    "category": "Point of Sale",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "icon": "/point_of_sale/static/description/icon.png",
    "depends": [
        "point_of_sale",
    ],
    "data": [
        "security/pos_tickets_qr_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "views/pos_ticket_views.xml",
        "views/pos_config_views.xml",
        "views/pos_category_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/company_demo.xml",
        "demo/bar_products_demo.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "pos_tickets_qr/static/src/app/**/*",
        ],
        "web.assets_tests": [
            "pos_tickets_qr/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
