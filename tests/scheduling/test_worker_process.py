"""`bulletin serve` starts the runner as a child process; it stops cleanly when asked."""

from __future__ import annotations

import selectors
import subprocess
import time

from bulletin.scheduling.worker import start_worker_process


def wait_for_line(process: subprocess.Popen, text: str, timeout: float) -> str:
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    seen = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and text not in seen:
        if selector.select(timeout=0.5):
            line = process.stderr.readline()
            if not line:
                break
            seen += line
    return seen


def test_the_worker_process_starts_and_stops_on_sigterm(tmp_path, monkeypatch):
    monkeypatch.setenv("BULLETIN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    process = start_worker_process(interval=0.2, stderr=subprocess.PIPE, text=True)
    try:
        log = wait_for_line(process, "Job runner", timeout=60)
        assert "started" in log
        assert process.poll() is None, "the runner must keep running between rounds"
        process.terminate()
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.stderr.close()
