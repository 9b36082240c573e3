#!/usr/bin/env bash
# Refresh the sv / nb / da catalogues from the code and templates, compile them, and report
# what still needs a translator. Run from anywhere; needs GNU gettext (apt-get install gettext).
#
#   scripts/update-translations.sh          # update, compile, report
#   scripts/update-translations.sh --check  # exit 1 if anything is untranslated or fuzzy
#
# Then translate the empty / "#, fuzzy" entries in samrad/locale/<lang>/LC_MESSAGES/django.po,
# rerun this script (it compiles the .mo files) and commit .po and .mo together.
set -euo pipefail

cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
LANGS=(sv nb da)

for tool in msgfmt msgmerge xgettext; do
    command -v "$tool" >/dev/null || { echo "$tool not found: install GNU gettext" >&2; exit 2; }
done

lang_flags=()
for l in "${LANGS[@]}"; do lang_flags+=(-l "$l"); done

"$PY" manage.py makemessages "${lang_flags[@]}" \
    --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench -v0
"$PY" manage.py compilemessages --ignore=.venv -v0

status=0
printf '%-4s %10s %12s %7s\n' lang translated untranslated fuzzy
for l in "${LANGS[@]}"; do
    po="samrad/locale/$l/LC_MESSAGES/django.po"
    # msgfmt prints e.g. "180 translated messages, 2 fuzzy translations, 5 untranslated messages."
    stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1 | grep -E 'translated message' || true)
    t=$(grep -oE '[0-9]+ translated' <<<"$stats" | grep -oE '[0-9]+' || echo 0)
    f=$(grep -oE '[0-9]+ fuzzy' <<<"$stats" | grep -oE '[0-9]+' || echo 0)
    u=$(grep -oE '[0-9]+ untranslated' <<<"$stats" | grep -oE '[0-9]+' || echo 0)
    printf '%-4s %10s %12s %7s\n' "$l" "$t" "$u" "$f"
    if [ "$u" != 0 ] || [ "$f" != 0 ]; then status=1; fi
    # msgfmt --check also validates placeholders (python-format) and the header.
    LC_ALL=C msgfmt --check -o /dev/null "$po" || status=1
done

if [ "$status" != 0 ]; then
    echo "Some messages need a translator (empty msgstr or '#, fuzzy'); see the .po files above."
    echo "List them with: msgattrib --untranslated <po>   and   msgattrib --only-fuzzy <po>"
fi
if [ "${1:-}" = "--check" ]; then exit "$status"; fi
exit 0
