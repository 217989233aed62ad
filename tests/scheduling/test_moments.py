"""Scheduled publication and expiry: side effects happen once, on time or late, never twice."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.dispatch import receiver
from django.test import override_settings
from django.urls import reverse

from bulletin.posts.models import Kind, Status
from bulletin.scheduling.models import Moment, ScheduledMoment, State
from bulletin.scheduling.moments import carry_out, queue
from bulletin.scheduling.signals import moment_reached
from bulletin.scheduling.worker import run_once
from bulletin.subscriptions.models import Mail


@pytest.fixture
def reached():
    """Every moment_reached the runner sends, as (post id, moment, due_at)."""
    heard = []

    @receiver(moment_reached)
    def listen(sender, *, post, moment, due_at, ran_at, **kwargs):
        heard.append((post.pk, moment, due_at))

    yield heard
    moment_reached.disconnect(listen)


def owed() -> list[Mail]:
    """The author's mail in the outbox: the runner queues it with the moment."""
    return list(Mail.objects.filter(address="ada@example.org").order_by("id"))


@pytest.fixture
def author(db):
    return get_user_model().objects.create_user(
        "ada", email="ada@example.org", password="x-long-password"
    )


@pytest.fixture
def schedule(make_post, author, django_capture_on_commit_callbacks):
    """Save a post the way the back office does: its commit queues the tasks."""

    def make(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_post(author=author, **fields)

    return make


def test_a_scheduled_post_goes_public_at_its_time_with_no_job(
    client, make_post, now, time_machine
):
    post = make_post(published_at=now + timedelta(hours=1))
    url = reverse("public:post", kwargs={"slug": post.slug})
    assert client.get(url).status_code == 404
    time_machine.move_to(now + timedelta(hours=1), tick=False)
    assert client.get(url).status_code == 200


def test_side_effects_run_at_the_scheduled_time_and_not_before(
    schedule, now, time_machine, reached
):
    post = schedule(published_at=now + timedelta(hours=1))
    moment = ScheduledMoment.objects.get(post=post)
    assert (moment.moment, moment.state) == (Moment.PUBLISH, State.PENDING)

    time_machine.move_to(now + timedelta(minutes=59), tick=False)
    run_once()
    assert reached == []
    assert owed() == []

    time_machine.move_to(now + timedelta(hours=1), tick=False)
    run_once()
    assert reached == [(post.pk, Moment.PUBLISH, now + timedelta(hours=1))]
    assert len(owed()) == 1
    assert post.title in owed()[0].subject
    assert post.get_absolute_url() in owed()[0].text
    moment.refresh_from_db()
    assert (moment.state, moment.done_at, moment.attempts) == (
        State.DONE,
        now + timedelta(hours=1),
        1,
    )


def test_a_time_missed_while_no_worker_ran_is_caught_up_at_start(
    schedule, now, time_machine, reached
):
    post = schedule(published_at=now + timedelta(hours=1))
    # The worker was down from before 13:00 until 16:30.
    time_machine.move_to(now + timedelta(hours=4, minutes=30), tick=False)
    run_once()
    assert reached == [(post.pk, Moment.PUBLISH, now + timedelta(hours=1))]
    assert len(owed()) == 1
    run_once()
    assert len(reached) == 1


def test_a_moment_whose_task_was_lost_is_queued_again_by_the_sweep(
    make_post, author, now, time_machine, reached
):
    # Saved without its commit hooks running: no task was ever queued.
    post = make_post(author=author, published_at=now + timedelta(hours=1))
    time_machine.move_to(now + timedelta(hours=1, minutes=1), tick=False)
    assert run_once() == 1
    assert [r[0] for r in reached] == [post.pk]


def test_a_failing_side_effect_is_logged_and_retried(
    schedule, now, time_machine, caplog
):
    calls = []

    @receiver(moment_reached)
    def flaky(sender, **kwargs):
        calls.append(kwargs["ran_at"])
        if len(calls) == 1:
            raise ConnectionError("history store away")

    try:
        post = schedule(published_at=now + timedelta(hours=1))
        time_machine.move_to(now + timedelta(hours=1), tick=False)
        with caplog.at_level(logging.ERROR, logger="bulletin.scheduling.moments"):
            run_once()
        moment = ScheduledMoment.objects.get(post=post)
        assert moment.state == State.PENDING
        assert moment.attempts == 1
        assert "history store away" in moment.last_error
        assert moment.run_after == now + timedelta(hours=1, minutes=1)
        assert "trying again" in caplog.text
        # The failed attempt left no e-mail behind; nothing runs before the retry time.
        assert owed() == []
        run_once()
        assert len(calls) == 1

        time_machine.move_to(now + timedelta(hours=1, minutes=1), tick=False)
        run_once()
        moment.refresh_from_db()
        assert (moment.state, moment.attempts, moment.last_error) == (State.DONE, 2, "")
        assert len(calls) == 2
        assert len(owed()) == 1
    finally:
        moment_reached.disconnect(flaky)


def test_a_moment_that_keeps_failing_is_given_up_and_logged(
    make_post, author, now, time_machine, caplog
):
    @receiver(moment_reached)
    def broken(sender, **kwargs):
        raise RuntimeError("always")

    try:
        post = make_post(author=author, published_at=now + timedelta(hours=1))
        moment = ScheduledMoment.objects.get(post=post)
        at = now + timedelta(hours=1)
        with caplog.at_level(logging.ERROR, logger="bulletin.scheduling.moments"):
            for _ in range(10):
                at = max(at, ScheduledMoment.objects.get(pk=moment.pk).run_after)
                carry_out(moment.pk, now=at)
        moment.refresh_from_db()
        assert moment.state == State.FAILED
        assert moment.attempts == 6
        assert "Gave up" in caplog.text
    finally:
        moment_reached.disconnect(broken)


def test_two_runs_of_one_moment_do_its_work_once(schedule, now, time_machine, reached):
    post = schedule(published_at=now + timedelta(hours=1))
    moment = ScheduledMoment.objects.get(post=post)
    time_machine.move_to(now + timedelta(hours=1), tick=False)
    # A second worker (or a re-queue) put the same moment in the queue twice.
    queue(moment.pk)
    queue(moment.pk)
    run_once()
    assert carry_out(moment.pk) == "skipped"
    assert len(reached) == 1
    assert len(owed()) == 1


def test_saving_again_does_not_owe_a_second_publication(
    schedule, now, time_machine, reached
):
    post = schedule(published_at=now + timedelta(hours=1))
    time_machine.move_to(now + timedelta(hours=1), tick=False)
    run_once()
    post.title = "Corrected title"
    post.save()
    run_once()
    assert len(reached) == 1
    assert ScheduledMoment.objects.filter(post=post).count() == 1


def test_rescheduling_replaces_the_pending_moment(schedule, now, time_machine, reached):
    post = schedule(published_at=now + timedelta(hours=1))
    post.published_at = now + timedelta(hours=3)
    post.save()
    states = dict(
        ScheduledMoment.objects.filter(post=post).values_list("due_at", "state")
    )
    assert states == {
        now + timedelta(hours=1): State.CANCELLED,
        now + timedelta(hours=3): State.PENDING,
    }
    time_machine.move_to(now + timedelta(hours=2), tick=False)
    run_once()
    assert reached == []
    time_machine.move_to(now + timedelta(hours=3), tick=False)
    run_once()
    assert reached == [(post.pk, Moment.PUBLISH, now + timedelta(hours=3))]


def test_a_post_withdrawn_before_its_time_has_no_side_effects(
    schedule, now, time_machine, reached
):
    post = schedule(published_at=now + timedelta(hours=1))
    post.status = Status.WITHDRAWN
    post.save()
    time_machine.move_to(now + timedelta(hours=2), tick=False)
    run_once()
    assert reached == []
    assert owed() == []
    assert ScheduledMoment.objects.get(post=post).state == State.CANCELLED


def test_a_notice_expiry_is_a_moment_of_its_own(schedule, now, time_machine, reached):
    notice = schedule(kind=Kind.NOTICE, expires_at=now + timedelta(days=2))
    time_machine.move_to(now + timedelta(days=2), tick=False)
    run_once()
    assert reached == [(notice.pk, Moment.EXPIRE, now + timedelta(days=2))]
    # Publication was an hour before the first save: long enough ago to be history.
    assert owed() == []


def test_publishing_now_tells_the_author_at_once_with_the_immediate_backend(
    make_post, author, now, reached, django_capture_on_commit_callbacks
):
    immediate = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    with (
        override_settings(TASKS=immediate),
        django_capture_on_commit_callbacks(execute=True),
    ):
        post = make_post(author=author, published_at=now)
    assert reached == [(post.pk, Moment.PUBLISH, now)]
    assert len(owed()) == 1


def test_old_posts_owe_nothing(make_post, now):
    post = make_post(published_at=now - timedelta(days=30))
    post.save()
    assert not ScheduledMoment.objects.filter(post=post).exists()


def test_the_worker_command_runs_once(schedule, now, time_machine, reached):
    post = schedule(published_at=now + timedelta(minutes=5))
    time_machine.move_to(now + timedelta(minutes=5), tick=False)
    call_command("worker", "--once", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [r[0] for r in reached] == [post.pk]


def test_the_email_links_to_the_post_in_its_own_language(
    schedule, now, time_machine, settings
):
    settings.BULLETIN_SITE = {
        **settings.BULLETIN_SITE,
        "url": "https://news.example.org",
    }
    post = schedule(language="fr", published_at=now + timedelta(hours=1))
    time_machine.move_to(now + timedelta(hours=1), tick=False)
    run_once()
    assert f"https://news.example.org/fr/posts/{post.slug}/" in owed()[0].text
