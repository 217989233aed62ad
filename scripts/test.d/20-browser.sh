# Sourced by scripts/test: what the browser tests need besides the Python packages.
# Playwright drives Debian's Chromium and never downloads a browser of its own;
# axe-core comes inside the axe-playwright-python package (see pyproject.toml).
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [ -z "${BULLETIN_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== Installing Debian's chromium for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q chromium >/dev/null 2>&1; then
      # A fresh machine has no package lists yet.
      apt-get update -q >/dev/null 2>&1 || true
      apt-get install -y -q chromium >/dev/null 2>&1 || echo "== Could not install chromium." >&2
    fi
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ]; then
      echo "== Chromium is missing: the browser tests will fail (CI must run them)." >&2
    else
      echo "== Chromium is missing: the browser tests will be skipped (apt-get install chromium)."
    fi
  fi
fi

# Screenshots of the language switcher and of Chinese and Korean pages need a CJK font.
if [ "$(id -u)" = 0 ] && command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=ko)" ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-wqy-microhei >/dev/null 2>&1 \
    || echo "== No CJK font: screenshots will show boxes for Chinese and Korean."
fi
