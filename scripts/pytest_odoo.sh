#!/usr/bin/env bash
# The quick loop: the suite's Odoo tests (TransactionCase, HttpCase, tours) run by pytest-odoo on a database
# where the addons are already installed, without installing or upgrading anything.
#   scripts/pytest_odoo.sh DATABASE [pytest arguments]
#   scripts/pytest_odoo.sh suite_test_wallet_loyalty addons/wallet_loyalty/tests/test_wallet_security.py
#   scripts/pytest_odoo.sh suite_test addons/warranty_rma/tests/test_claim.py::TestClaim::test_refund -x
# A database: the one `scripts/test.sh <addon>` leaves behind (suite_test_<addon>), or suite_test after a
# full run. The code under test is the checkout's: after changing a model's fields or its XML, upgrade the
# database first (scripts/test.sh <addon> again, or odoo_cmd -d DATABASE -u <addon> --stop-after-init).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

[ $# -ge 1 ] || { sed -n '2,10p' "$0"; exit 2; }
db="$1"
shift
db_exists "$db" || die "no database $db (make one with scripts/test.sh <addon>)"
PYTHONPATH="$ODOO_PY" exec "$VENV/bin/pytest" -c tests/pytest-odoo.ini --rootdir="$REPO_ROOT" \
    --odoo-database="$db" --odoo-config="$REPO_ROOT/odoo.conf" --odoo-http \
    --odoo-addons-path="$ODOO_CORE_ADDONS,$REPO_ROOT/addons" \
    --odoo-extra "data-dir=$VAR_DIR/filestore" --odoo-extra "db_host=$PGHOST" --odoo-extra "db_port=$PGPORT" \
    --odoo-extra "db_user=$PGUSER_ODOO" --odoo-extra "db_password=$PGPASSWORD_ODOO" "$@"
