"""Backups taken by the job runner: every BULLETIN_BACKUP_INTERVAL_HOURS into
BULLETIN_BACKUP_DIR, keeping the newest BULLETIN_BACKUP_KEEP.

The backup runs as a child process (`bulletin backup`), so a long one never holds up
the runner's rounds (scheduled publications, the readiness heartbeat). A lock file
keeps two runners on one host from taking the same backup twice.
"""

from __future__ import annotations

import fcntl
import logging
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

PREFIX, SUFFIX, STAMP = "bulletin-", ".tar.gz", "%Y%m%dT%H%M%SZ"


def backups_in(directory: Path) -> list[tuple[datetime, Path]]:
    """The scheduled backups in `directory`, oldest first."""
    found = []
    for path in directory.glob(f"{PREFIX}*{SUFFIX}"):
        stamp = path.name.removeprefix(PREFIX).removesuffix(SUFFIX)
        try:
            found.append((datetime.strptime(stamp, STAMP).replace(tzinfo=UTC), path))
        except ValueError:
            continue  # not one of ours
    return sorted(found)


def prune(directory: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups; answer what was deleted."""
    old = [path for _when, path in backups_in(directory)][: -keep or None]
    for path in old:
        path.unlink(missing_ok=True)
    return old


class BackupSchedule:
    """Called once per runner round; starts a backup when one is due."""

    def __init__(self) -> None:
        self.child: subprocess.Popen | None = None
        self.lock = None

    @property
    def directory(self) -> Path | None:
        configured = settings.BULLETIN_BACKUP_DIR
        return Path(configured) if configured else None

    def tick(self, now: datetime | None = None) -> None:
        directory = self.directory
        if directory is None:
            return
        if self.child is not None:
            self._finish(directory)
            return
        now = now or datetime.now(UTC)
        existing = backups_in(directory) if directory.is_dir() else []
        interval = timedelta(hours=settings.BULLETIN_BACKUP_INTERVAL_HOURS)
        if existing and now - existing[-1][0] < interval:
            return
        directory.mkdir(parents=True, exist_ok=True)
        self.lock = (directory / ".lock").open("w")
        try:
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.lock.close()
            self.lock = None
            return  # another runner is taking it
        target = directory / f"{PREFIX}{now.strftime(STAMP)}{SUFFIX}"
        logger.info("Scheduled backup to %s", target)
        self.child = subprocess.Popen(
            [sys.executable, "-m", "bulletin.cli", "backup", str(target)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def _finish(self, directory: Path) -> None:
        if self.child.poll() is None:
            return
        errors = self.child.stderr.read()
        self.child.stderr.close()
        if self.child.returncode:
            logger.error("Scheduled backup failed: %s", errors.strip())
        else:
            for path in prune(directory, settings.BULLETIN_BACKUP_KEEP):
                logger.info("Removed old backup %s", path)
        self.child = None
        self.lock.close()
        self.lock = None

    def stop(self) -> None:
        """Let a backup under way finish (the runner is stopping)."""
        if self.child is not None:
            self.child.wait()
            self._finish(self.directory)
