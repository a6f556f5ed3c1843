# Common settings for the suite's scripts. Sourced, never executed.
# Every value can be overridden from the environment.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

ODOO_ROOT="${ODOO_ROOT:-$REPO_ROOT/vendor/odoo}"
ODOO_PY="$ODOO_ROOT/usr/lib/python3/dist-packages"
ODOO_CORE_ADDONS="$ODOO_PY/odoo/addons"
VENV="${VENV:-$REPO_ROOT/.venv}"
CACHE_DIR="${CACHE_DIR:-$REPO_ROOT/.cache}"
VAR_DIR="${VAR_DIR:-$REPO_ROOT/var}"
PYTHON_BIN="${PYTHON_BIN:-/usr/bin/python3}"

export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER_ODOO="${PGUSER_ODOO:-odoo}"
export PGPASSWORD_ODOO="${PGPASSWORD_ODOO:-odoo}"
export ODOO_HTTP_PORT="${ODOO_HTTP_PORT:-8069}"
export ODOO_DB="${ODOO_DB:-suite_demo}"

# The suite's own installable addons (a manifest with "installable": False is work in progress:
# not installed, linted or tested).
suite_addons() {
    local dir
    for dir in "$REPO_ROOT"/addons/*/; do
        [ -f "$dir/__manifest__.py" ] || continue
        grep -Eq '"installable": *False' "$dir/__manifest__.py" && continue
        basename "$dir"
    done
}

suite_addons_csv() {
    suite_addons | paste -sd, -
}

step() {
    CURRENT_STEP="$*"
    printf '\n==> %s\n' "$*"
}

die() {
    printf '\nFAILED at step "%s": %s\n' "${CURRENT_STEP:-?}" "$*" >&2
    exit 1
}

# Odoo command line with the suite's configuration: odoo_run <subcommand> [arguments...]
# (subcommands: server, shell, db, ...). odoo_cmd is the server.
odoo_run() {
    local sub="$1"
    shift
    PYTHONPATH="$ODOO_PY${PYTHONPATH:+:$PYTHONPATH}" \
        "$VENV/bin/python" "$ODOO_ROOT/usr/bin/odoo" "$sub" \
        -c "$REPO_ROOT/odoo.conf" \
        --addons-path="$ODOO_CORE_ADDONS,$REPO_ROOT/addons" \
        --data-dir="$VAR_DIR/filestore" \
        --db_host="$PGHOST" --db_port="$PGPORT" \
        --db_user="$PGUSER_ODOO" --db_password="$PGPASSWORD_ODOO" \
        "$@"
}

odoo_cmd() {
    odoo_run server "$@"
}

psql_odoo() {
    PGPASSWORD="$PGPASSWORD_ODOO" psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER_ODOO" "$@"
}

db_exists() {
    [ "$(psql_odoo -d postgres -tAc "select 1 from pg_database where datname = '$1'")" = 1 ]
}

# Creates database $1 in language $2: the main company in Mexico with l10n_mx's chart and taxes,
# demo data on. Accounting goes in first without demo data (see scripts/tools/enable_demo.py),
# then every module installed later gets its demo data.
init_suite_db() {
    local db="$1" lang="$2"
    odoo_run db init "$db" --country MX --language "$lang" --force \
        && odoo_cmd -d "$db" -i l10n_mx --stop-after-init --http-port=0 \
        && odoo_run shell -d "$db" --no-http <"$REPO_ROOT/scripts/tools/enable_demo.py"
}

# The demo database of run.sh: created if missing (Mexico, es_MX, demo data), then every addon of
# addons/ not installed yet is installed. Logs go to $VAR_DIR/log/.
ensure_demo_db() {
    local db="$1"
    mkdir -p "$VAR_DIR/log"
    if ! db_exists "$db" || [ -z "$(psql_odoo -d "$db" -tAc "select 1 from ir_module_module where name = 'base' and state = 'installed'" 2>/dev/null)" ]; then
        echo "creating $db (Mexico, es_MX, demo data)"
        init_suite_db "$db" es_MX >"$VAR_DIR/log/create-$db.log" 2>&1 \
            || { echo "database creation failed, see $VAR_DIR/log/create-$db.log" >&2; return 1; }
    fi
    local installed addon missing=()
    installed="$(psql_odoo -d "$db" -tAc "select name from ir_module_module where state = 'installed'")"
    for addon in $(suite_addons); do
        grep -qx "$addon" <<<"$installed" || missing+=("$addon")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "all suite addons installed"
        return
    fi
    echo "installing: ${missing[*]}"
    odoo_cmd -d "$db" -i "$(IFS=,; echo "${missing[*]}")" --stop-after-init --http-port=0 \
        --logfile="$VAR_DIR/log/install-$db.log" \
        || { echo "installing the suite failed, see $VAR_DIR/log/install-$db.log" >&2; return 1; }
}

# Odoo modules every suite database has, whatever the manifests say: the apps the shops run on.
# The test template holds them, so an addon that starts depending on one of them does not force
# a new template.
SUITE_BASE_MODULES="l10n_mx point_of_sale pos_hr pos_loyalty repair pos_repair fleet purchase sale_management"

# Odoo addons the suite depends on (outside addons/) plus the base modules, one per line.
external_depends() {
    "$VENV/bin/python" - "$REPO_ROOT/addons" "$SUITE_BASE_MODULES" <<'PY'
import ast, pathlib, sys
root = pathlib.Path(sys.argv[1])
ours = {p.parent.name for p in root.glob("*/__manifest__.py")}
deps = set(sys.argv[2].split())
for manifest in root.glob("*/__manifest__.py"):
    deps.update(ast.literal_eval(manifest.read_text()).get("depends", []))
print("\n".join(sorted(deps - ours)))
PY
}

# A database with the suite's Odoo dependencies installed (demo data, es_MX loaded), kept between
# test runs and cloned for each: installing point_of_sale, account, l10n_mx... takes minutes, a clone
# seconds. Its name carries a hash of the dependency list, Odoo's version, this file and the data
# dir, so any change to them builds a new one. Prints the template's name.
ensure_template_db() {
    local deps key tmpl
    deps="$(external_depends | paste -sd, -)"
    # the data dir is part of the key: two checkouts on one machine never share (or drop) a template
    key="$(printf '%s|%s|%s|%s' "$deps" "$(cat "$ODOO_ROOT/.unpacked")" "$(sha256sum "$REPO_ROOT/scripts/lib.sh")" \
        "$VAR_DIR" | sha256sum | cut -c1-10)"
    tmpl="suite_tmpl_$key"
    # several test runs at once (one per addon) must not build the same template twice
    mkdir -p "$VAR_DIR/log"
    exec 9>"$VAR_DIR/template.lock"
    flock 9
    if db_exists "$tmpl" && [ -d "$VAR_DIR/filestore/filestore/$tmpl" ] \
        && [ "$(psql_odoo -d "$tmpl" -tAc "select value from ir_config_parameter where key = 'suite.template_ready'")" = 1 ]; then
        flock -u 9
        echo "$tmpl"
        return
    fi
    {
        init_suite_db "$tmpl" en_US \
            && odoo_cmd -d "$tmpl" -i "$deps" --load-language=es_MX --stop-after-init --http-port=0 \
            && psql_odoo -d "$tmpl" -qc "insert into ir_config_parameter (key, value) values ('suite.template_ready', '1')"
    } >"$VAR_DIR/log/template-$tmpl.log" 2>&1 || { flock -u 9; echo "building template $tmpl failed, see $VAR_DIR/log/template-$tmpl.log" >&2; return 1; }
    flock -u 9
    echo "$tmpl"
}

# Copies database $1 (and its filestore) to $2, replacing $2.
clone_db() {
    odoo_run db duplicate --force "$1" "$2"
}
