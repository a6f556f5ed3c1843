{
    "name": "Warranties and RMA",
    "summary": "Warranties on sold parts, and the claim (RMA) flow from the counter to the supplier",
    "version": "19.0.1.0.0",
    "category": "Inventory",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "icon": "/stock/static/description/icon.png",
    "depends": [
        "account",
        "autoparts_fitment",
        "fleet",
        "point_of_sale",
        "portal",
        "stock",
    ],
    "data": [
        "security/warranty_rma_security.xml",
        "security/ir.model.access.csv",
        "report/warranty_certificate_report.xml",
        "data/warranty_data.xml",
        "views/warranty_term_views.xml",
        "views/warranty_warranty_views.xml",
        "views/warranty_claim_views.xml",
        "views/product_views.xml",
        "views/portal_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/warranty_demo.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "warranty_rma/static/src/app/**/*",
        ],
        "web.assets_tests": [
            "warranty_rma/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
