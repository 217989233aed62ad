# Sourced by scripts/test: run every command of docs/deploy.md (see the script).
# BULLETIN_SKIP_REHEARSAL=1 skips it for a quick local run; CI always runs it.
if [ -z "${BULLETIN_SKIP_REHEARSAL:-}" ] || [ "${CI:-}" = "true" ]; then
  echo "== Deploy guide rehearsal"
  scripts/deploy-rehearsal
fi
