{
    "name": "ESC/POS Hardware Proxy",
    "summary": "IoT-side proxy driving ESC/POS printers, cash drawers and scanners with python-escpos",
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
        "views/pos_printer_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "hw_proxy_escpos/static/src/**/*",
        ],
        "web.assets_tests": [
            "hw_proxy_escpos/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
