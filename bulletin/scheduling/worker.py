"""The job runner: `bulletin worker`, or a child process of `bulletin serve`.

Each round it queues the moments that are due (so a time missed while no worker ran
is caught up at start), then runs every ready task of the database queue, then
sleeps. Several workers may run at once: tasks are claimed under a lock, and a
moment's work is done only by whoever finds it still pending under its row lock.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time

from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

from bulletin.backups.schedule import BackupSchedule
from bulletin.scheduling.models import RunnerHeartbeat
from bulletin.scheduling.moments import sweep
from bulletin.scheduling.signals import worker_round

logger = logging.getLogger(__name__)


def run_ready_tasks(backend_name: str, worker_id: str) -> int:
    """Run every ready task of a database backend, each claimed under a lock."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    runner = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=backend_name,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    ready = DBTaskResult.objects.ready().filter(backend_name=backend_name)
    ran = 0
    while True:
        with exclusive_transaction(ready.db):
            result = ready.get_locked()
            if result is not None:
                result.claim(worker_id)
        if result is None:
            return ran
        runner.run_task(result)
        ran += 1


def run_once(
    backend_name: str = DEFAULT_TASK_BACKEND_ALIAS, worker_id: str = ""
) -> int:
    """Queue what is due and run every ready task; answer how many moments were queued."""
    from django_tasks_db import DatabaseBackend

    worker_id = worker_id or get_random_string(32)
    queued = sweep()
    if isinstance(task_backends[backend_name], DatabaseBackend):
        run_ready_tasks(backend_name, worker_id)
    for receiver, result in worker_round.send_robust(sender=None, worker_id=worker_id):
        if isinstance(result, Exception):
            logger.error("%s failed in this round", receiver, exc_info=result)
    return queued


def run_forever(interval: float = 5.0) -> None:
    """Run rounds until SIGTERM or SIGINT; a task under way is finished first."""
    stopping = []

    def stop(signum, frame) -> None:
        logger.info("Job runner stopping after the current round")
        stopping.append(signum)

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)
    worker_id = get_random_string(32)
    logger.info("Job runner %s started; checking every %ss", worker_id, interval)
    backups = BackupSchedule()
    while not stopping:
        # A long-running process drops connections the database has given up on.
        close_old_connections()
        try:
            run_once(worker_id=worker_id)
            RunnerHeartbeat.beat()
            backups.tick()
        except Exception:
            # A database that is briefly away must not end the runner.
            logger.exception("Job runner round failed; trying again")
        deadline = time.monotonic() + interval
        while not stopping and time.monotonic() < deadline:
            time.sleep(0.2)
    backups.stop()


def start_worker_process(interval: float = 5.0, **popen_options) -> subprocess.Popen:
    """Start `bulletin worker` as a child process (for `bulletin serve`).

    Stop it with `.terminate()`: it finishes the task under way, then exits with 0.
    """
    return subprocess.Popen(
        [sys.executable, "-m", "bulletin.cli", "worker", "--interval", str(interval)],
        env={**os.environ},
        **popen_options,
    )
