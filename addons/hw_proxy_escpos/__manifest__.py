{
    "name": "ESC/POS Hardware Proxy",
    "summary": "IoT-side proxy driving ESC/POS printers, cash drawers and scanners with python-escpos",
    "version": "19.0.1.0.0",
    "category": "Point of Sale",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "depends": [
        "point_of_sale",
    ],
    "data": [],
    "installable": True,
}
