"""What `/readyz` checks: each answer is only "ok" or "failing", never why.

The reason (an error message, a host name, a migration name) goes to the log, where
operators look; a probe that anyone can call must not reveal it.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils.crypto import get_random_string

from bulletin.posts import clock
from bulletin.scheduling.models import RunnerHeartbeat

logger = logging.getLogger(__name__)

# Once every migration has been applied in this process it stays so until the code
# changes, and new code means a new process: the migration graph is read once.
_migrated: list[bool] = []


def database() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def migrations() -> bool:
    if _migrated:
        return True
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        logger.warning("Readiness: %d migrations not applied", len(pending))
        return False
    _migrated.append(True)
    return True


def cache_store() -> bool:
    key = f"readyz:{get_random_string(12)}"
    value = get_random_string(12)
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


def job_runner() -> bool:
    seen = RunnerHeartbeat.last_seen()
    limit = timedelta(seconds=settings.BULLETIN_RUNNER_STALE_SECONDS)
    if seen is None or clock.now() - seen > limit:
        logger.warning("Readiness: job runner last seen %s", seen or "never")
        return False
    return True


CHECKS = {
    "database": database,
    "migrations": migrations,
    "cache": cache_store,
    "jobs": job_runner,
}


def readiness() -> dict[str, str]:
    """Each check's result; a check that raises counts as failing."""
    results = {}
    for name, check in CHECKS.items():
        try:
            passed = check()
        except Exception:
            logger.exception("Readiness check %s failed", name)
            passed = False
        results[name] = "ok" if passed else "failing"
    return results


def forget() -> None:
    """Check the migrations again on the next call (tests change them)."""
    _migrated.clear()
