"""The task the job runner executes (Django's tasks API, through django-tasks)."""

from __future__ import annotations

from django_tasks import task

from bulletin.scheduling.moments import carry_out


@task()
def carry_out_moment(pk: int) -> str:
    return carry_out(pk)
