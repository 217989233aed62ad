"""Search work for the job runner: rebuilding a large index takes minutes, not a request."""

from __future__ import annotations

from django_tasks import task

from bulletin.search.indexing import reindex


@task()
def rebuild_index() -> int:
    return reindex()
