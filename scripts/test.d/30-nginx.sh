# Sourced by scripts/test: nginx, for the deploy rehearsal's TLS reverse proxy
# (docs/deploy.md). Without it the rehearsal probes the app server directly.
if ! command -v nginx >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "== Installing Debian's nginx for the deploy rehearsal"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null 2>&1 \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >/dev/null 2>&1 \
    || echo "== Could not install nginx." >&2
fi
