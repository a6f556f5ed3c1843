#!/usr/bin/env bash
# The test command: sets everything up if needed, then runs every check of the suite.
#   scripts/test.sh            lint, DB-free pytest, every addon's Odoo tests (tours included)
#                              in a throwaway database, then the demo database made from scratch as
#                              run.sh makes it and the platform checks on it (upgrade, assets, demo,
#                              staging copies), then the upgrade from the last release (tests/upgrade)
#   scripts/test.sh <addon>... only those addons' pytest and Odoo tests, in their own database
# Exits non-zero on any failing test, lint error or ERROR/CRITICAL line in Odoo's log, and ends
# with one line "N passed, N failed".
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

bash scripts/setup.sh || exit 1

only=("$@")
installable="$(suite_addons)"
for addon in "${only[@]}"; do
    grep -qx "$addon" <<<"$installable" || die "no installable addon named $addon under addons/"
done
if [ ${#only[@]} -gt 0 ]; then
    addons=("${only[@]}")
    test_db="${ODOO_TEST_DB:-suite_test_$(IFS=_; echo "${only[*]}")}"
else
    mapfile -t addons < <(suite_addons)
    test_db="${ODOO_TEST_DB:-suite_test}"
fi
addons_csv="$(IFS=,; echo "${addons[*]}")"
tags="$(printf '/%s,' "${addons[@]}")"
out="$VAR_DIR/test/$test_db"
rm -rf "$out"
mkdir -p "$out"
failed_checks=()
started=$(date +%s)

step "Lint: ruff"
lint_paths=()
for addon in "${addons[@]}"; do lint_paths+=("addons/$addon"); done
[ ${#only[@]} -eq 0 ] && lint_paths+=(scripts tests)
if ! "$VENV/bin/ruff" check --config config/ruff.toml "${lint_paths[@]}" \
    || ! "$VENV/bin/ruff" format --check --config config/ruff.toml "${lint_paths[@]}"; then
    failed_checks+=(ruff)
fi

step "Lint: pylint-odoo (mandatory checks)"
mapfile -t addon_paths < <(printf 'addons/%s\n' "${addons[@]}")
if [ ${#addon_paths[@]} -gt 0 ] && ! PYTHONPATH="$ODOO_PY" "$VENV/bin/pylint" --rcfile=config/pylintrc-mandatory "${addon_paths[@]}"; then
    failed_checks+=(pylint-odoo)
fi

step "DB-free tests (pytest)"
unit_dirs=()
for addon in "${addons[@]}"; do
    [ -d "addons/$addon/tests/unit" ] && unit_dirs+=("addons/$addon/tests/unit")
done
[ ${#only[@]} -eq 0 ] && unit_dirs+=(tests/unit)
if [ ${#unit_dirs[@]} -gt 0 ]; then
    PYTHONPATH="$ODOO_PY:$REPO_ROOT/tests" "$VENV/bin/pytest" -c tests/pytest.ini --rootdir="$REPO_ROOT" \
        -p suite_pytest_plugin --junitxml="$out/pytest-unit.xml" "${unit_dirs[@]}"
    rc=$?
    # exit 5 = nothing collected; the summary counts it as zero tests, not as a failure
    [ $rc -eq 0 ] || [ $rc -eq 5 ] || [ -f "$out/pytest-unit.xml" ] || failed_checks+=(pytest-unit)
fi

step "Odoo tests in database $test_db (${addons_csv})"
mkdir -p "$VAR_DIR/log"
tmpl="$(ensure_template_db)" || die "could not build the template database"
echo "cloning $tmpl (Odoo dependencies of the suite, demo data) into $test_db"
clone_db "$tmpl" "$test_db" >"$out/create-db.log" 2>&1 || { tail -n 30 "$out/create-db.log"; die "cloning failed"; }
odoo_cmd -d "$test_db" -i "$addons_csv" --test-enable --test-tags="${tags%,}" --stop-after-init \
    --http-interface=127.0.0.1 --http-port="${ODOO_TEST_HTTP_PORT:-8169}" \
    --log-level=test --logfile="$out/odoo-tests.log"
echo "Odoo exited with $? (log: $out/odoo-tests.log)"
grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$out/odoo-tests.log" | head -n 40

junits=("$out/pytest-unit.xml")
if [ ${#only[@]} -eq 0 ]; then
    demo_db="${test_db}_demo"
    step "Demo database $demo_db, made from scratch the way scripts/run.sh makes it"
    psql_odoo -d postgres -qc "DROP DATABASE IF EXISTS \"$demo_db\" WITH (FORCE)"
    rm -rf "$VAR_DIR/filestore/filestore/$demo_db"
    ensure_demo_db "$demo_db" || failed_checks+=(demo-database)
    cp "$VAR_DIR/log/create-$demo_db.log" "$VAR_DIR/log/install-$demo_db.log" "$out/" 2>/dev/null

    step "Platform checks (install from scratch, upgrade, assets, demo data) on $demo_db"
    ODOO_TEST_DB="$demo_db" PYTHONPATH="$ODOO_PY:$REPO_ROOT/tests" "$VENV/bin/pytest" -c tests/pytest.ini \
        --rootdir="$REPO_ROOT" -p suite_pytest_plugin --junitxml="$out/pytest-platform.xml" tests/platform
    [ -f "$out/pytest-platform.xml" ] || failed_checks+=(pytest-platform)
    junits+=("$out/pytest-platform.xml")

    step "Upgrade from the last release ($(head -c 12 tests/upgrade/RELEASE)), a month of work kept (tests/upgrade)"
    ODOO_UPGRADE_DB="${test_db}_upgrade" PYTHONPATH="$ODOO_PY:$REPO_ROOT/tests" "$VENV/bin/pytest" -c tests/pytest.ini \
        --rootdir="$REPO_ROOT" -p suite_pytest_plugin --junitxml="$out/pytest-upgrade.xml" tests/upgrade
    [ -f "$out/pytest-upgrade.xml" ] || failed_checks+=(pytest-upgrade)
    junits+=("$out/pytest-upgrade.xml")
fi

step "Summary ($(( $(date +%s) - started ))s)"
report_args=(--odoo-log "$out/odoo-tests.log")
for j in "${junits[@]}"; do [ -f "$j" ] && report_args+=(--junit "$j"); done
for c in "${failed_checks[@]}"; do report_args+=(--failed-check "$c"); done
"$VENV/bin/python" scripts/test_report.py "${report_args[@]}"
