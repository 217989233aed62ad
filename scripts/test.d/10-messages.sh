# Compile the interface translations (bulletin/locale/*/LC_MESSAGES/django.po → .mo,
# which git ignores) with msgfmt --check-format, as Django's compilemessages does, so a
# broken placeholder fails here rather than on a reader's page. (compilemessages itself
# would skip them: the app compiles stale catalogues with polib when Django starts.)
echo "== Compiling message catalogues"
if command -v msgfmt >/dev/null 2>&1; then
  for po in bulletin/locale/*/LC_MESSAGES/*.po; do
    msgfmt --check-format -o "${po%.po}.mo" "$po"
  done
else
  echo "msgfmt (GNU gettext) not found: compiling with polib, without format checks."
  "$VENV/bin/python" -c "from bulletin.i18n.messages import ensure_compiled; ensure_compiled()"
fi
