{
    "name": "Auto Parts Fitment",
    "summary": "Vehicle catalogue, part fitment, VIN and plate lookup, ACES import, POS fitment search",
    "version": "19.0.1.1.0",
    "category": "Point of Sale",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "icon": "/fleet/static/description/icon.png",
    "depends": [
        "fleet",
        "point_of_sale",
        "stock",
    ],
    "data": [
        "security/autoparts_fitment_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/fitment_engine_views.xml",
        "views/fitment_base_vehicle_views.xml",
        "views/fitment_vehicle_views.xml",
        "views/fitment_application_views.xml",
        "views/fitment_interchange_views.xml",
        "views/product_template_views.xml",
        "views/fleet_vehicle_views.xml",
        "wizards/fitment_import_wizard_views.xml",
        "views/fitment_ai_job_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/company_demo.xml",
        "demo/fitment_demo.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "autoparts_fitment/static/src/app/**/*",
        ],
        "web.assets_tests": [
            "autoparts_fitment/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
