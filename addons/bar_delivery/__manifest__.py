{
    "name": "Bar Delivery",
    "summary": "Bartenders scan QR tickets and hand over drinks: partial delivery, audit log, fraud checks",
    "version": "19.0.1.0.0",
    "category": "Point of Sale",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "icon": "/point_of_sale/static/description/icon.png",
    "depends": [
        "pos_tickets_qr",
        "pos_hr",
    ],
    "data": [
        "security/bar_delivery_security.xml",
        "security/ir.model.access.csv",
        "views/bar_station_views.xml",
        "views/bar_delivery_log_views.xml",
        "views/pos_ticket_views.xml",
        "views/bar_delivery_screen_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/bar_delivery_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "bar_delivery/static/src/bartender_screen/**/*",
        ],
        "point_of_sale._assets_pos": [
            "bar_delivery/static/src/app/**/*",
        ],
        "web.assets_tests": [
            "bar_delivery/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
