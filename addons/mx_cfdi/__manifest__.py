{
    "name": "Mexico CFDI 4.0",
    "summary": "CFDI 4.0 e-invoicing: CSD seal, PAC stamping, cancellation, payments, POS global invoice",
    "version": "19.0.1.0.0",
    "category": "Accounting/Localizations/EDI",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "depends": [
        "l10n_mx",
        "point_of_sale",
    ],
    "data": [
        "security/mx_cfdi_security.xml",
    ],
    "installable": True,
}
