"""The tasks the job runner executes (Django's tasks API, through django-tasks)."""

from __future__ import annotations

from django_tasks import task

from bulletin.scheduling.moments import carry_out


@task()
def carry_out_moment(pk: int) -> str:
    return carry_out(pk)


@task()
def notify_author_of_moment(pk: int, attempt: int = 1) -> bool:
    """Does nothing: kept so a task queued by an older version finishes quietly.

    The "went live" mail is now a notification like the others (see
    `bulletin.notifications.receivers`), queued with the moment itself.
    """
    return False
