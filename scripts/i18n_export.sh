#!/usr/bin/env bash
# Regenerates addons/<addon>/i18n/es_MX.po from a database where the addon is installed: every
# translatable term of the addon, with the translations already in the file (msgstr "" for new terms).
#   scripts/i18n_export.sh <database> <addon> [<addon>...]
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ $# -ge 2 ] || { echo "usage: $0 <database> <addon>..." >&2; exit 2; }
db="$1"
shift
conf="$(mktemp)"
trap 'rm -f "$conf"' EXIT
cat >"$conf" <<CONF
[options]
addons_path = $ODOO_CORE_ADDONS,$REPO_ROOT/addons
data_dir = $VAR_DIR/filestore
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER_ODOO
db_password = $PGPASSWORD_ODOO
CONF
PYTHONPATH="$ODOO_PY" "$VENV/bin/python" "$ODOO_ROOT/usr/bin/odoo" i18n export -c "$conf" -d "$db" -l es_MX -- "$@"
