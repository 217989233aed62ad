"""On a terminal, an import shows its progress (rich); in a pipe it prints only the
summary. Run as a person would: the real command, its stderr on a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.imports.conftest import FILES


def bulletin(*args: str, data_dir: Path, terminal: bool) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        BULLETIN_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="bulletin.settings.test",
        COLUMNS="100",
        TERM="xterm-256color",
    )
    command = [sys.executable, "-m", "bulletin.cli", *args]
    if not terminal:
        done = subprocess.run(command, env=env, capture_output=True, timeout=300)
        return done.returncode, done.stdout.decode(), done.stderr.decode()
    leader, follower = pty.openpty()
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=follower, stdin=follower
    ) as process:
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closes when the command ends
                break
            if not chunk:
                break
            seen += chunk
        out = process.stdout.read().decode()
        code = process.wait(timeout=300)
    os.close(leader)
    return code, out, seen.decode("utf-8", "replace")


def test_progress_is_drawn_on_a_terminal_and_not_in_a_pipe(tmp_path):
    data = tmp_path / "site"
    assert bulletin("migrate", "-v0", data_dir=data, terminal=False)[0] == 0
    feed = str(FILES / "feeds" / "feed.json")
    code, out, screen = bulletin("import", "feed", feed, data_dir=data, terminal=True)
    assert code == 0, screen
    assert "Importing" in screen and "2/2" in screen
    assert "2 created" in out
    code, out, err = bulletin("import", "feed", feed, data_dir=data, terminal=False)
    assert code == 0 and "Importing" not in err
    assert "2 unchanged" in out
