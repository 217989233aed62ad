"""The job runner: `bulletin worker`, or a child process of `bulletin serve`.

Tasks are run by django-tasks-db's own worker, its public `db_worker` command: it
claims each ready task under the library's lock, so several runners may work at
once, and on SIGTERM it finishes the task under way, then exits. Beside it one thread
sweeps every few seconds: it queues the moments that are due (so a time missed while
no runner ran is caught up at start), sends `worker_round` for other apps' work on the
runner's beat (the e-mail outbox), records the runner's heartbeat and starts the
scheduled backups. A moment's work is done only by whoever finds it still pending
under its row lock.

Nothing here reaches into the library's internals, so the move to Django's own
tasks framework (and whichever worker its backend brings) is routine.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management import call_command
from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

from bulletin.backups.schedule import BackupSchedule
from bulletin.counts.buffer import flush as flush_counts
from bulletin.scheduling.models import RunnerHeartbeat
from bulletin.scheduling.moments import sweep
from bulletin.scheduling.signals import worker_round

logger = logging.getLogger(__name__)
STOP_SIGNALS = [signal.SIGINT, signal.SIGTERM]


def _database_backend(backend_name: str) -> bool:
    from django_tasks_db import DatabaseBackend

    return isinstance(task_backends[backend_name], DatabaseBackend)


def _db_worker(backend_name: str, worker_id: str, **options) -> None:
    call_command(
        "db_worker",
        queue_name="*",
        backend_name=backend_name,
        worker_id=worker_id,
        startup_delay=False,
        reload=False,
        **options,
    )


@contextmanager
def _own_signal_handlers() -> Iterator[None]:
    """db_worker installs its SIGINT/SIGTERM handlers; put the caller's back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {signum: signal.getsignal(signum) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


def _beat(worker_id: str) -> None:
    """Let other apps do their work on the runner's beat (the e-mail outbox)."""
    for receiver, result in worker_round.send_robust(sender=None, worker_id=worker_id):
        if isinstance(result, Exception):
            logger.error("%s failed in this round", receiver, exc_info=result)


def run_once(
    backend_name: str = DEFAULT_TASK_BACKEND_ALIAS, worker_id: str = ""
) -> int:
    """Queue what is due and run every ready task; answer how many moments were queued."""
    worker_id = worker_id or get_random_string(32)
    queued = sweep()
    # Reader counts buffered in a shared cache are written once a round.
    flush_counts()
    if _database_backend(backend_name):
        with _own_signal_handlers():
            _db_worker(
                backend_name,
                worker_id,
                batch=True,
                interval=0,
                verbosity=0 if logger.getEffectiveLevel() > logging.INFO else 1,
            )
    _beat(worker_id)
    return queued


def _sweep_rounds(stop: threading.Event, interval: float, worker_id: str) -> None:
    backups = BackupSchedule()
    try:
        while not stop.is_set():
            # A long-running thread drops connections the database has given up on.
            close_old_connections()
            try:
                sweep()
                _beat(worker_id)
                RunnerHeartbeat.beat()
                backups.tick()
            except Exception:
                # A database that is briefly away must not end the runner.
                logger.exception("Job runner sweep failed; trying again")
            stop.wait(interval)
        backups.stop()
    finally:
        connection.close()


def run_forever(
    interval: float = 5.0, backend_name: str = DEFAULT_TASK_BACKEND_ALIAS
) -> None:
    """Sweep and run tasks until SIGTERM or SIGINT; a task under way is finished first."""
    worker_id = get_random_string(32)

    def stop_before_the_worker_runs(signum, frame) -> None:
        raise SystemExit(0)

    # Until db_worker installs its own handlers, a stop request simply ends the process.
    for signum in STOP_SIGNALS:
        signal.signal(signum, stop_before_the_worker_runs)
    stop = threading.Event()
    sweeper = threading.Thread(
        target=_sweep_rounds,
        args=(stop, interval, worker_id),
        name="sweep",
        daemon=True,
    )
    logger.info("Job runner %s started; checking every %ss", worker_id, interval)
    sweeper.start()
    try:
        if _database_backend(backend_name):
            _db_worker(backend_name, worker_id, interval=interval, verbosity=1)
        else:
            while True:
                time.sleep(1)
    except SystemExit as exit_:
        # db_worker leaves with sys.exit(0) when stopped between tasks.
        if exit_.code not in (0, None):
            raise
    finally:
        logger.info("Job runner %s stopping", worker_id)
        stop.set()
        sweeper.join(timeout=interval + 10)


def start_worker_process(interval: float = 5.0, **popen_options) -> subprocess.Popen:
    """Start `bulletin worker` as a child process (for `bulletin serve`).

    Stop it with `.terminate()`: it finishes the task under way, then exits with 0.
    """
    return subprocess.Popen(
        [sys.executable, "-m", "bulletin.cli", "worker", "--interval", str(interval)],
        env={**os.environ},
        **popen_options,
    )
