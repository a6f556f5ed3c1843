{
    "name": "Workshop Service Orders",
    "summary": "Workshop service orders: kanban stages, parts, labour, status history, billing",
    "version": "19.0.1.0.0",
    "category": "Manufacturing/Repair",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "depends": [
        "autoparts_fitment",
        "portal",
        "pos_repair",
        "purchase",
        "repair",
    ],
    "data": [
        "security/service_orders_security.xml",
        "security/ir.model.access.csv",
        "data/service_order_stage_data.xml",
        "data/service_order_type_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/service_order_views.xml",
        "views/service_order_stage_views.xml",
        "views/service_order_type_views.xml",
        "views/service_order_portal_templates.xml",
        "views/menus.xml",
        "report/service_order_reports.xml",
    ],
    "demo": [
        "demo/service_order_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "service_orders/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
