#!/usr/bin/env bash
# The run command: sets everything up if needed, creates the demo database if missing (every addon
# of addons/ installed, with demo data), installs addons added since, then serves Odoo.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

bash scripts/setup.sh

step "Demo database $ODOO_DB"
ensure_demo_db "$ODOO_DB" || die "the demo database could not be made"

step "Odoo"
cat <<MSG
Odoo 19 with the suite: http://127.0.0.1:$ODOO_HTTP_PORT/web/login?db=$ODOO_DB
  login: admin   password: admin
  POS:   http://127.0.0.1:$ODOO_HTTP_PORT/odoo/point-of-sale
  Ctrl-C stops the server; set ODOO_LOGFILE to log to a file instead of the terminal
MSG
logargs=()
[ -n "${ODOO_LOGFILE:-}" ] && logargs=(--logfile="$ODOO_LOGFILE")
odoo_cmd -d "$ODOO_DB" --db-filter="^$ODOO_DB\$" --http-port="$ODOO_HTTP_PORT" \
    --http-interface="${ODOO_HTTP_INTERFACE:-127.0.0.1}" "${logargs[@]}"
