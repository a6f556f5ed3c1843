{
    "name": "Fleet Preventive Maintenance",
    "summary": "Fleet customers: maintenance plans by km/time, odometer, due alerts",
    "version": "19.0.1.0.0",
    "category": "Human Resources/Fleet",
    "author": "Refaccionaria Suite",
    "website": "https://github.com/refaccionaria-suite/suite",
    "license": "LGPL-3",
    "depends": [
        "fleet",
        "service_orders",
    ],
    "data": [
        "security/fleet_maintenance_security.xml",
    ],
    "installable": True,
}
