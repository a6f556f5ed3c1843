#!/usr/bin/env bash
# The run command: sets everything up if needed, creates the demo database if missing (every addon
# of addons/ installed, with demo data), installs addons added since, then serves Odoo.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

bash scripts/setup.sh

step "Demo database $ODOO_DB"
mkdir -p "$VAR_DIR/log"
if ! db_exists "$ODOO_DB" || [ -z "$(psql_odoo -d "$ODOO_DB" -tAc "select 1 from ir_module_module where name = 'base' and state = 'installed'" 2>/dev/null)" ]; then
    echo "creating $ODOO_DB (Mexico, es_MX, demo data)"
    init_suite_db "$ODOO_DB" es_MX >"$VAR_DIR/log/create-$ODOO_DB.log" 2>&1 \
        || die "database creation failed, see $VAR_DIR/log/create-$ODOO_DB.log"
fi
installed="$(psql_odoo -d "$ODOO_DB" -tAc "select name from ir_module_module where state = 'installed'")"
missing=()
for addon in $(suite_addons); do
    grep -qx "$addon" <<<"$installed" || missing+=("$addon")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    odoo_cmd -d "$ODOO_DB" -i "$(IFS=,; echo "${missing[*]}")" --stop-after-init \
        --logfile="$VAR_DIR/log/install-$ODOO_DB.log" \
        || die "installing the suite failed, see $VAR_DIR/log/install-$ODOO_DB.log"
else
    echo "all suite addons installed"
fi

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
