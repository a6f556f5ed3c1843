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
        "repair",
    ],
    "data": [
        "security/service_orders_security.xml",
    ],
    "installable": True,
}
