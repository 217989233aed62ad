"""The tasks the job runner executes (Django's tasks API, through django-tasks)."""

from __future__ import annotations

import logging

from django_tasks import task

from bulletin.posts import clock
from bulletin.scheduling.moments import (
    MAX_ATTEMPTS,
    carry_out,
    notify_author,
    retry_delay,
)

logger = logging.getLogger(__name__)


@task()
def carry_out_moment(pk: int) -> str:
    return carry_out(pk)


@task()
def notify_author_of_moment(pk: int, attempt: int = 1) -> bool:
    """The "your post is live" e-mail; a mail server that fails is tried again later."""
    try:
        return notify_author(pk)
    except Exception:
        if (
            attempt >= MAX_ATTEMPTS
            or not notify_author_of_moment.get_backend().supports_defer
        ):
            logger.exception("Gave up mailing the author of moment %s", pk)
            return False
        later = clock.now() + retry_delay(attempt)
        logger.exception(
            "Mailing the author of moment %s failed; again at %s", pk, later
        )
        notify_author_of_moment.using(run_after=later).enqueue(pk, attempt + 1)
        return False
