"""Compile the project's message catalogues (.po → .mo) when missing or stale.

Pure Python (polib), so a server without GNU gettext still gets its translations;
`scripts/test.d/10-messages.sh` also runs Django's `compilemessages`, whose msgfmt
checks placeholders.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
logger = logging.getLogger(__name__)


def catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """The project's own .po files: locale/<lang>/LC_MESSAGES/*.po."""
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def is_stale(po_path: Path) -> bool:
    mo_path = po_path.with_suffix(".mo")
    return not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime


def compile_catalogue(po_path: Path) -> Path:
    """Write the .mo beside the .po atomically: concurrent workers never read half a file."""
    mo_path = po_path.with_suffix(".mo")
    data = polib.pofile(str(po_path)).to_binary()
    fd, tmp = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the web server must read it
        os.replace(tmp, mo_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return mo_path


def ensure_compiled(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile every missing or stale catalogue; return the .mo files written."""
    written = []
    for po_path in catalogues(locale_dir):
        if not is_stale(po_path):
            continue
        try:
            written.append(compile_catalogue(po_path))
        except OSError as error:  # a read-only install keeps the .mo it shipped with
            logger.warning("Could not compile %s: %s", po_path, error)
    return written
