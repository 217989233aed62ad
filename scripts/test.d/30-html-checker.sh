# Sourced by scripts/test: the Nu HTML Checker (vnu.jar, from the vnu-jar npm package)
# that tests/public/test_html_validity.py runs on rendered pages. It needs Java 11+.
# Locally, a machine without npm or java skips those tests with a message; under
# CI=true they fail instead (see tests/htmlcheck.py).
VNU_DIR=${BULLETIN_VNU_DIR:-build/vnu}
if [ ! -f "$VNU_DIR/node_modules/vnu-jar/build/dist/vnu.jar" ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "== Installing the Nu HTML Checker (npm vnu-jar) into $VNU_DIR"
    mkdir -p "$VNU_DIR"
    npm install --silent --no-audit --no-fund --prefix "$VNU_DIR" "vnu-jar@^26.9.27" >/dev/null \
      || echo "== Could not install vnu-jar: the HTML validity tests will be skipped." >&2
  else
    echo "== npm is missing: the HTML validity tests will be skipped (CI fails them)."
  fi
fi
export BULLETIN_VNU_JAR="${BULLETIN_VNU_JAR:-$PWD/$VNU_DIR/node_modules/vnu-jar/build/dist/vnu.jar}"
