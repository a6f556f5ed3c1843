#!/usr/bin/env bash
# Sets up everything the suite needs on a Debian 12 host; safe to run again (it skips what is done).
#   1. Debian packages (PostgreSQL server only when none is reachable)
#   2. Odoo 19 Community from Debian's registry (suite sid), unpacked into vendor/odoo
#   3. a virtualenv with the pinned Python dependencies of requirements.txt
#   4. a PostgreSQL login role for Odoo
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
mkdir -p "$CACHE_DIR" "$VAR_DIR"

SUDO=""
AS_POSTGRES=(runuser -u postgres --)
if [ "$(id -u)" != 0 ]; then
    SUDO="sudo"
    AS_POSTGRES=(sudo -u postgres)
fi

APT_PACKAGES=(
    # targets of the symlinks inside the Debian Odoo package
    libjs-jquery libjs-jquery-form libjs-underscore fonts-font-awesome fonts-roboto-unhinted
    fonts-ocr-b fonts-inconsolata
    # PDF reports, POS tours, python-magic, virtualenv, PostgreSQL client tools
    wkhtmltopdf chromium libmagic1 python3-venv postgresql-client
)

pg_reachable() {
    pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null
}

install_apt_packages() {
    step "Debian packages"
    local wanted=("${APT_PACKAGES[@]}") missing=() pkg
    if [ "$WITH_POSTGRES" = 1 ] && ! { command -v pg_isready >/dev/null && pg_reachable; }; then
        wanted+=(postgresql)
    fi
    for pkg in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "all present"
        return
    fi
    echo "installing: ${missing[*]}"
    $SUDO apt-get update -qq || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        || die "apt-get install ${missing[*]} failed"
}

# Reads the mirror URI and keyring of the system's own Debian sources (deb822 or one-line format).
debian_mirror() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk 'BEGIN{RS=""} /Suites:[^\n]*bookworm( |\n|$)/ && !/security/ {
                 for (i = 1; i <= NF; i++) {
                     if ($i == "URIs:") uri = $(i + 1)
                     if ($i == "Signed-By:") key = $(i + 1)
                 }
                 if (uri) { print uri, (key ? key : "/usr/share/keyrings/debian-archive-keyring.gpg"); exit }
             }' "$f"
    done | head -n1 | grep . && return
    grep -hE '^deb +(\[[^]]*\] +)?[a-z]+://[^ ]+ +bookworm ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | head -n1 | sed -E 's/^deb +(\[([^]]*)\] +)?([^ ]+).*/\3 \2/' \
        | awk '{ key = "/usr/share/keyrings/debian-archive-keyring.gpg"
                 for (i = 2; i <= NF; i++) if ($i ~ /^signed-by=/) { key = $i; sub(/^signed-by=/, "", key) }
                 print $1, key }'
}

download_odoo() {
    step "Odoo 19 from Debian's registry"
    if [ -f "$ODOO_ROOT/.unpacked" ]; then
        echo "already unpacked in $ODOO_ROOT"
        return
    fi
    local mirror uri key aptdir
    mirror="$(debian_mirror)" || true
    [ -n "$mirror" ] || die "could not read a Debian mirror from the system's apt sources"
    read -r uri key <<<"$mirror"
    echo "mirror $uri (keyring $key)"
    aptdir="$CACHE_DIR/apt-sid"
    mkdir -p "$aptdir/lists/partial" "$aptdir/cache/archives/partial" "$aptdir/debs"
    echo "deb [signed-by=$key] $uri sid main" >"$aptdir/sources.list"
    local opts=(-o "Dir::Etc::SourceList=$aptdir/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$aptdir/lists" -o "Dir::Cache=$aptdir/cache" -o APT::Sandbox::User=root)
    apt-get "${opts[@]}" update -qq || die "apt-get update of the private sid source failed"
    local version
    version="$(apt-cache "${opts[@]}" policy odoo-19 2>/dev/null | awk '/Candidate:/ {print $2}')"
    if [ -z "$version" ] || [ "$version" = "(none)" ]; then
        die "Debian's registry (sid) no longer has the package odoo-19; pin another source in scripts/setup.sh"
    fi
    echo "odoo-19 $version"
    rm -f "$aptdir"/debs/odoo-19_*.deb
    (cd "$aptdir/debs" && apt-get "${opts[@]}" download odoo-19) || die "apt-get download odoo-19 failed"
    rm -rf "$ODOO_ROOT"
    mkdir -p "$ODOO_ROOT"
    dpkg -x "$aptdir"/debs/odoo-19_*.deb "$ODOO_ROOT" || die "dpkg -x failed"
    repair_odoo_tree
    echo "odoo-19 $version" >"$ODOO_ROOT/.unpacked"
}

# The package links some static files into /usr/share with relative links, which dangle once
# unpacked elsewhere; point them at the absolute path they mean. The non-free selfie segmentation
# script is removed by Debian but still listed in mail's asset bundle: give it an empty placeholder.
repair_odoo_tree() {
    local link target abs fixed=0
    while IFS= read -r -d '' link; do
        target="$(readlink "$link")"
        case "$target" in /*) continue ;; esac
        abs="$(realpath -m "$(dirname "$link")/$target")"
        abs="/${abs#"$ODOO_ROOT"/}"
        ln -sfn "$abs" "$link"
        fixed=$((fixed + 1))
    done < <(find "$ODOO_ROOT" -type l -print0)
    echo "rewrote $fixed links to absolute paths"
    local selfie="$ODOO_CORE_ADDONS/mail/static/lib/selfie_segmentation/selfie_segmentation.js"
    mkdir -p "$(dirname "$selfie")"
    [ -f "$selfie" ] || echo "/* removed from the Debian build (non-free); placeholder */" >"$selfie"
}

check_odoo_version() {
    step "Odoo version"
    local v
    v="$(PYTHONPATH="$ODOO_PY" "$PYTHON_BIN" -c 'import odoo.release as r; print(r.version_info[0], r.version)')" \
        || die "cannot import odoo.release from $ODOO_PY"
    echo "Odoo ${v#* }"
    [ "${v%% *}" = 19 ] || die "expected Odoo 19, found ${v#* }"
}

make_virtualenv() {
    step "Python virtualenv"
    local stamp="$VENV/.requirements.sha256" want
    want="$(sha256sum requirements.txt | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        echo "up to date ($VENV)"
        return
    fi
    [ -x "$VENV/bin/python" ] || "$PYTHON_BIN" -m venv "$VENV" || die "python -m venv failed"
    "$VENV/bin/pip" install -q --upgrade pip wheel setuptools || die "pip upgrade failed"
    "$VENV/bin/pip" install -q -r requirements.txt || die "pip install -r requirements.txt failed"
    echo "$want" >"$stamp"
}

ensure_postgres() {
    step "PostgreSQL"
    if pg_reachable && PGPASSWORD="$PGPASSWORD_ODOO" psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER_ODOO" -d postgres \
        -tAc 'select 1' >/dev/null 2>&1; then
        echo "role $PGUSER_ODOO ready on $PGHOST:$PGPORT"
        return
    fi
    if ! pg_reachable; then
        echo "no server on $PGHOST:$PGPORT: starting the local cluster"
        local ver
        ver="$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n1)"
        [ -n "$ver" ] || die "postgresql is installed but has no cluster"
        $SUDO pg_ctlcluster --skip-systemctl-redirect "$ver" main start || die "cannot start cluster $ver/main"
        export PGHOST=127.0.0.1
        for _ in $(seq 20); do pg_reachable && break; sleep 0.5; done
        pg_reachable || die "PostgreSQL did not come up on $PGHOST:$PGPORT"
    fi
    local sql="DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PGUSER_ODOO') THEN
            CREATE ROLE \"$PGUSER_ODOO\" LOGIN CREATEDB PASSWORD '$PGPASSWORD_ODOO';
        END IF; END \$\$;"
    # Trust auth on TCP (this kind of machine) or peer auth as the postgres OS user (a fresh install).
    if psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
        psql -q -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -c "$sql" || die "cannot create role"
    else
        (cd / && "${AS_POSTGRES[@]}" psql -q -p "$PGPORT" -d postgres -c "$sql") || die "cannot create role"
    fi
    PGPASSWORD="$PGPASSWORD_ODOO" psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER_ODOO" -d postgres -tAc 'select 1' >/dev/null \
        || die "role $PGUSER_ODOO cannot log in on $PGHOST:$PGPORT"
    echo "role $PGUSER_ODOO ready on $PGHOST:$PGPORT"
}

# --no-postgres: the database server is elsewhere and not reachable yet (e.g. a container build)
WITH_POSTGRES=1
[ "${1:-}" = "--no-postgres" ] && WITH_POSTGRES=0

started=$(date +%s)
install_apt_packages
download_odoo
check_odoo_version
make_virtualenv
[ "$WITH_POSTGRES" = 1 ] && ensure_postgres
printf '\nsetup done in %ss\n' "$(( $(date +%s) - started ))"
