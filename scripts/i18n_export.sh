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
# Odoo reads an addon's code translations (Python, JS) from its own es_MX.po while exporting: writing
# over that file directly (odoo's default) would truncate it first and lose them. So export aside, then
# merge: a term the export leaves empty keeps the file's translation (the database does not store a
# translation equal to its source, e.g. "CSV").
for addon in "$@"; do
    out="$(mktemp --suffix=.po)"
    PYTHONPATH="$ODOO_PY" "$VENV/bin/python" "$ODOO_ROOT/usr/bin/odoo" i18n export -c "$conf" -d "$db" -l es_MX \
        -o "$out" -- "$addon"
    mkdir -p "$REPO_ROOT/addons/$addon/i18n"
    "$VENV/bin/python" - "$out" "$REPO_ROOT/addons/$addon/i18n/es_MX.po" <<'PY'
import os
import sys

import polib

exported, target = sys.argv[1:]
po = polib.pofile(exported)
if os.path.exists(target):
    known = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(target) if e.msgstr}
    for entry in po:
        entry.msgstr = entry.msgstr or known.get((entry.msgctxt, entry.msgid), "")
po.save(target)
print(f"{target}: {len(po)} terms, {len(po.untranslated_entries())} without translation")
PY
    rm -f "$out"
done
