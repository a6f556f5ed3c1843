{
    "name": "Mexico CFDI 4.0",
    "summary": "CFDI 4.0 e-invoicing: CSD seal, PAC stamping, cancellation, payments, POS global invoice",
    "version": "19.0.1.1.0",
    "category": "Accounting/Localizations/EDI",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "icon": "/account/static/description/l10n.png",
    "depends": [
        "l10n_mx",
        "point_of_sale",
    ],
    "external_dependencies": {"python": ["satcfdi", "stdnum", "lxml", "requests", "qrcode"]},
    "data": [
        "security/mx_cfdi_security.xml",
        "security/ir.model.access.csv",
        "data/mx.cfdi.catalog.csv",
        "data/ir_cron_data.xml",
        "wizards/mx_cfdi_cancel_wizard_views.xml",
        "views/mx_cfdi_document_views.xml",
        "views/mx_cfdi_catalog_views.xml",
        "views/account_move_views.xml",
        "views/res_company_views.xml",
        "views/res_partner_views.xml",
        "views/product_template_views.xml",
        "views/pos_payment_method_views.xml",
        "views/account_portal_templates.xml",
        "report/mx_cfdi_report.xml",
        "views/menus.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "mx_cfdi/static/src/app/**/*",
        ],
        "web.assets_tests": [
            "mx_cfdi/static/tests/tours/**/*",
        ],
    },
    "demo": [
        "demo/res_company_demo.xml",
    ],
    "installable": True,
}
