#!/usr/bin/env bash
# Hunts flaky tests: the DB-free suite N times (in a shuffled order, a new seed each round) while CPU
# hogs run, then the suite's Odoo tests and tours K times in one database (first round: install with
# --test-enable; later rounds: -u of the same addons, which runs at_install and post_install tests
# again; Odoo's runner has no random order). Prints each test that ever failed, how often, and its
# first traceback; exits 1 if any did.
#
#   scripts/flake_hunt.sh [-n N] [-k K] [-j HOGS] [addon...]
#     -n N     DB-free rounds (default 30)           -k K   Odoo rounds (default 2; 0 skips them)
#     -j HOGS  CPU hogs beside the DB-free rounds (default 2)
#     addon... only those addons (default: all); their tests only, in database suite_flake[_<addons>]
# Logs and junit XML: var/flake/.
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

rounds=30 odoo_rounds=2 hogs=2
while getopts "n:k:j:" opt; do
    case "$opt" in
        n) rounds="$OPTARG" ;;
        k) odoo_rounds="$OPTARG" ;;
        j) hogs="$OPTARG" ;;
        *) sed -n '2,14p' "$0"; exit 2 ;;
    esac
done
shift $((OPTIND - 1))

bash scripts/setup.sh >/dev/null || die "setup failed (run scripts/setup.sh to see why)"
if [ $# -gt 0 ]; then
    addons=("$@")
    db="suite_flake_$(IFS=_; echo "$*")"
else
    mapfile -t addons < <(suite_addons)
    db="suite_flake"
fi
out="$VAR_DIR/flake"
rm -rf "$out"
mkdir -p "$out"

unit_dirs=()
for addon in "${addons[@]}"; do
    [ -d "addons/$addon/tests/unit" ] && unit_dirs+=("addons/$addon/tests/unit")
done
[ $# -eq 0 ] && unit_dirs+=(tests/unit)

hog_pids=()
stop_hogs() {
    [ ${#hog_pids[@]} -gt 0 ] && kill "${hog_pids[@]}" 2>/dev/null
    hog_pids=()
}
trap stop_hogs EXIT

step "DB-free tests: $rounds rounds, shuffled, beside $hogs CPU hogs"
for _ in $(seq "$hogs"); do
    "$VENV/bin/python" -c "while True: pass" &
    hog_pids+=($!)
done
junits=()
for round in $(seq "$rounds"); do
    junit="$out/unit-$round.xml"
    PYTHONPATH="$ODOO_PY:$REPO_ROOT/tests" "$VENV/bin/pytest" -c tests/pytest.ini --rootdir="$REPO_ROOT" \
        -p suite_pytest_plugin --shuffle="$round" -q --junitxml="$junit" "${unit_dirs[@]}" \
        >"$out/unit-$round.log" 2>&1
    echo "round $round: $(tail -n 1 "$out/unit-$round.log")"
    junits+=("$junit")
done
stop_hogs

logs=()
if [ "$odoo_rounds" -gt 0 ]; then
    step "Odoo tests and tours: $odoo_rounds rounds in database $db"
    addons_csv="$(IFS=,; echo "${addons[*]}")"
    tags="$(printf '/%s,' "${addons[@]}")"
    tmpl="$(ensure_template_db)" || die "could not build the template database"
    clone_db "$tmpl" "$db" >"$out/create-db.log" 2>&1 || die "cloning $tmpl failed (see $out/create-db.log)"
    for round in $(seq "$odoo_rounds"); do
        mode=-u
        [ "$round" = 1 ] && mode=-i
        log="$out/odoo-$round.log"
        odoo_cmd -d "$db" "$mode" "$addons_csv" --test-enable --test-tags="${tags%,}" --stop-after-init \
            --http-interface=127.0.0.1 --http-port="${ODOO_TEST_HTTP_PORT:-8169}" --log-level=test --logfile="$log"
        echo "round $round: $(grep -Eo '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -n 1)"
        logs+=("$log")
    done
fi

step "Tests that failed in any round"
"$VENV/bin/python" scripts/flake_report.py --junit "${junits[@]}" --odoo-log "${logs[@]}"
