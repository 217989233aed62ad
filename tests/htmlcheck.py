"""The Nu HTML Checker (vnu.jar from the vnu-jar npm package) run on rendered pages.

`scripts/test.d/30-html-checker.sh` installs it and sets BULLETIN_VNU_JAR. Without
Java or the jar the checks are skipped locally with a message; under CI=true they
fail, so CI can never pass without checking.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

DEFAULT_JAR = (
    Path(__file__).resolve().parent.parent
    / "build/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
)


def vnu_command() -> list[str]:
    jar = Path(os.environ.get("BULLETIN_VNU_JAR") or DEFAULT_JAR)
    java = shutil.which("java")
    missing = None
    if java is None:
        missing = "java is not installed"
    elif not jar.is_file():
        missing = f"{jar} is missing (run scripts/test, which installs npm vnu-jar)"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"The Nu HTML Checker cannot run: {missing}")
        pytest.skip(f"The Nu HTML Checker cannot run: {missing}")
    return [java, "-jar", str(jar)]


def html_errors(pages: dict[str, bytes], tmp_path: Path) -> dict[str, list[str]]:
    """Validate each page (name → HTML); return the checker's errors per page."""
    files = {}
    for name, body in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(body)
        files[str(path.resolve())] = name
    result = subprocess.run(
        [*vnu_command(), "--errors-only", "--format", "json", *files],
        capture_output=True,
        timeout=300,
        check=False,
    )
    report = json.loads(result.stderr or b'{"messages": []}')
    errors: dict[str, list[str]] = {name: [] for name in pages}
    for message in report["messages"]:
        url = message.get("url", "")
        path = url.removeprefix("file:")
        name = files.get(str(Path(path).resolve()), path)
        errors.setdefault(name, []).append(
            f"{message.get('message')} [{message.get('extract', '')!r}]"
        )
    return errors
