"""Two workers reaching the same moment at once: one does the work, the other waits and skips."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.dispatch import receiver

from bulletin.scheduling.models import ScheduledMoment, State
from bulletin.scheduling.moments import carry_out
from bulletin.scheduling.signals import moment_reached

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
def test_a_second_worker_waits_for_the_lock_and_then_skips(make_post, now):
    post = make_post(published_at=now + timedelta(hours=1))
    moment = ScheduledMoment.objects.get(post=post)
    at = now + timedelta(hours=1)
    inside, release = threading.Event(), threading.Event()
    results: dict[str, str] = {}
    calls = []

    @receiver(moment_reached)
    def slow(sender, **kwargs):
        calls.append(threading.current_thread().name)
        inside.set()
        release.wait(10)

    def work(name: str) -> None:
        try:
            results[name] = carry_out(moment.pk, now=at)
        finally:
            connection.close()

    first = threading.Thread(target=work, args=("first",), name="first")
    second = threading.Thread(target=work, args=("second",), name="second")
    try:
        first.start()
        assert inside.wait(10)
        second.start()
        second.join(0.5)
        assert second.is_alive(), "the second worker must wait on the row lock"
        release.set()
        first.join(10)
        second.join(10)
    finally:
        release.set()
        moment_reached.disconnect(slow)
    assert results == {"first": "done", "second": "skipped"}
    assert calls == ["first"]
    assert ScheduledMoment.objects.get(pk=moment.pk).state == State.DONE
