from . import (
    test_ai_suggest,
    test_api,
    test_catalogue,
    test_garage_owner,
    test_import,
    test_import_cli,
    test_migration_api_users,
    test_pos,
    test_pos_sync,
    test_pos_tour,
    test_upgraded_pos,
    test_vin_garage,
)
