{
    "name": "Warranties and RMA",
    "summary": "Warranties on sold parts, and the claim (RMA) flow from the counter to the supplier",
    "version": "19.0.1.0.0",
    "category": "Inventory",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "depends": [
        "autoparts_fitment",
        "point_of_sale",
        "account",
    ],
    "data": [
        "security/warranty_rma_security.xml",
    ],
    "installable": True,
}
