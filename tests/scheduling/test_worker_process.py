"""`bulletin serve` starts the runner as a child process; it stops cleanly when asked."""

from __future__ import annotations

import time

from bulletin.scheduling.worker import start_worker_process


def test_the_worker_process_starts_and_stops_on_sigterm(tmp_path, monkeypatch):
    monkeypatch.setenv("BULLETIN_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    process = start_worker_process(interval=0.2)
    try:
        time.sleep(2)
        assert process.poll() is None, "the runner must keep running between rounds"
        process.terminate()
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
