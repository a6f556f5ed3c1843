{
    "name": "Auto Parts Fitment",
    "summary": "Vehicle catalogue, part fitment, VIN and plate lookup, ACES import, POS fitment search",
    "version": "19.0.1.0.0",
    "category": "Point of Sale",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "depends": [
        "fleet",
        "point_of_sale",
        "stock",
    ],
    "data": [
        "security/autoparts_fitment_security.xml",
    ],
    "demo": [
        "demo/company_demo.xml",
    ],
    "installable": True,
}
