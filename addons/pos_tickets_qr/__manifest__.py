{
    "name": "POS QR Tickets",
    "summary": "A signed QR ticket for every POS order (delivery, entry, coat check), printed and scannable",
    "version": "19.0.1.0.0",
    "category": "Point of Sale",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "depends": [
        "point_of_sale",
    ],
    "data": [
        "security/pos_tickets_qr_security.xml",
    ],
    "demo": [
        "demo/company_demo.xml",
    ],
    "installable": True,
}
