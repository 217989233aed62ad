"""Workflow events reach the right people, by e-mail through the outbox and in their
"Needs me" list, as each of them chose; the one who acted is never told."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from bulletin.accounts.roles import Role
from bulletin.notifications.models import Event, Notification, Preference
from bulletin.posts.models import Status
from bulletin.scheduling.models import ScheduledMoment, State
from bulletin.scheduling.moments import MAX_ATTEMPTS, carry_out
from bulletin.scheduling.signals import moment_reached
from bulletin.subscriptions.models import Mail

pytestmark = pytest.mark.django_db


def step(client, post, name: str, **data):
    response = client.post(reverse("editorial:post_step", args=[post.pk, name]), data)
    assert response.status_code in (200, 302), response.content[:500]
    return response


def mails_to(address: str) -> list[str]:
    return list(
        Mail.objects.filter(address=address)
        .order_by("id")
        .values_list("subject", flat=True)
    )


def items_of(user) -> list[tuple[str, int]]:
    return list(
        Notification.objects.filter(user=user, done_at__isnull=True).values_list(
            "event", "post_id"
        )
    )


@pytest.fixture
def people(author, editor, make_user):
    author.email, editor.email = "alice@example.org", "erin@example.org"
    author.save()
    editor.save()
    make_user("bob", Role.AUTHOR, email="bob@example.org")
    return author, editor


def test_submitting_tells_the_editors_and_sending_back_tells_the_author(
    people, author_client, editor_client, make_post
):
    author, editor = people
    post = make_post(
        author=author, status=Status.DRAFT, published_at=None, title="Bins"
    )
    step(author_client, post, "submit", comment="")
    assert mails_to("erin@example.org") == ["Ready for review: Bins"]
    assert mails_to("alice@example.org") == [] and mails_to("bob@example.org") == []
    assert items_of(editor) == [(Event.SUBMITTED, post.pk)]
    mail = Mail.objects.get(address="erin@example.org")
    assert reverse("editorial:post", args=[post.pk]) in mail.text

    step(editor_client, post, "send-back", comment="Add collection days")
    assert mails_to("alice@example.org") == ["Sent back: Bins"]
    assert "Add collection days" in Mail.objects.get(address="alice@example.org").text
    assert items_of(author) == [(Event.SENT_BACK, post.pk)]
    assert items_of(editor) == [], "the review is answered, so it leaves the list"

    step(author_client, post, "submit", comment="")
    assert items_of(author) == [], "resubmitted: the sent-back item is done"


def test_approving_and_publishing_tell_the_author(
    people, author_client, editor_client, make_post, now
):
    author, _ = people
    later = make_post(
        author=author, status=Status.IN_REVIEW, published_at=None, title="Later"
    )
    soon = make_post(
        author=author, status=Status.IN_REVIEW, published_at=None, title="Now"
    )
    at = (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    step(editor_client, later, "publish", published_at=at, comment="")
    step(editor_client, soon, "publish", comment="")
    assert mails_to("alice@example.org") == ["Approved: Later", "Published: Now"]
    assert set(items_of(author)) == {
        (Event.APPROVED, later.pk),
        (Event.PUBLISHED, soon.pk),
    }


def test_a_scheduled_post_going_live_tells_the_author_and_who_scheduled_it(
    people, editor_client, make_post, now, time_machine
):
    author, editor = people
    post = make_post(
        author=author, status=Status.IN_REVIEW, published_at=None, title="Due"
    )
    step(
        editor_client,
        post,
        "publish",
        published_at=(now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        comment="",
    )
    Mail.objects.all().delete()
    moment = ScheduledMoment.objects.get(post=post)
    assert carry_out(moment.pk, now=now + timedelta(hours=1)) == "done"
    assert mails_to("erin@example.org") == ["Live as scheduled: Due"]
    # Queued in the moment's own transaction, like every other staff mail.
    assert mails_to("alice@example.org") == ["Live as scheduled: Due"]
    assert f"/posts/{post.slug}/" in Mail.objects.get(address="alice@example.org").text
    assert (Event.WENT_LIVE, post.pk) in items_of(author)
    assert (Event.WENT_LIVE, post.pk) in items_of(editor)


def test_a_publication_given_up_tells_the_author_the_scheduler_and_the_admins(
    people, editor_client, make_post, make_user, now
):
    author, editor = people
    admin = make_user("ada", Role.ADMIN, email="ada@example.org")
    post = make_post(
        author=author, status=Status.IN_REVIEW, published_at=None, title="Broken"
    )
    step(
        editor_client,
        post,
        "publish",
        published_at=(now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        comment="",
    )
    moment = ScheduledMoment.objects.get(post=post)

    def fail(**kwargs):
        raise RuntimeError("disk full")

    moment_reached.connect(fail)
    try:
        ScheduledMoment.objects.filter(pk=moment.pk).update(attempts=MAX_ATTEMPTS - 1)
        assert carry_out(moment.pk, now=now + timedelta(hours=1)) == "failed"
    finally:
        moment_reached.disconnect(fail)
    assert ScheduledMoment.objects.get(pk=moment.pk).state == State.FAILED
    for person in (author, editor, admin):
        assert (Event.FAILED, post.pk) in items_of(person)
        assert "Publication failed: Broken" in mails_to(person.email)
    assert "disk full" in Mail.objects.filter(address="ada@example.org").last().text


def test_each_person_chooses_e_mail_and_the_list_per_event(
    people, author_client, editor_client, make_post
):
    author, editor = people
    Preference.objects.create(
        user=editor, event=Event.SUBMITTED, by_email=False, in_list=True
    )
    Preference.objects.create(
        user=author, event=Event.SENT_BACK, by_email=True, in_list=False
    )
    post = make_post(
        author=author, status=Status.DRAFT, published_at=None, title="Bins"
    )
    step(author_client, post, "submit", comment="")
    step(editor_client, post, "send-back", comment="More detail")
    assert mails_to("erin@example.org") == []
    assert Notification.objects.filter(user=editor, event=Event.SUBMITTED).exists()
    assert mails_to("alice@example.org") == ["Sent back: Bins"]
    assert not Notification.objects.filter(user=author).exists()
