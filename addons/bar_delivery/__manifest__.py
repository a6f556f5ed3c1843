{
    "name": "Bar Delivery",
    "summary": "Bartenders scan QR tickets and hand over drinks: partial delivery, audit log, fraud checks",
    "version": "19.0.1.0.0",
    "category": "Point of Sale",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "depends": [
        "pos_tickets_qr",
        "pos_hr",
    ],
    "data": [
        "security/bar_delivery_security.xml",
    ],
    "installable": True,
}
