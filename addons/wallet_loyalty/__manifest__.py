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
    ],
    "data": [
        "security/wallet_loyalty_security.xml",
    ],
    "installable": True,
}
