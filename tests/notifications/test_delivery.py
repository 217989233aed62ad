"""A workflow e-mail leaves through the outbox and a real SMTP server, after commit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from bulletin.accounts.roles import ROLE_PERMISSIONS, Role
from bulletin.notifications.models import Event, Notification, Preference
from bulletin.posts.models import Status
from bulletin.scheduling.worker import run_once
from tests.editorial.conftest import client_for
from tests.subscriptions.conftest import SITE_URL, text_part

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def roles():
    """The role groups again: a transactional test starts from an emptied database."""
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        for name in names:
            app_label, codename = name.split(".")
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )


def test_the_editor_gets_ready_for_review_by_smtp(inbox, make_user, make_post):
    author = make_user("alice", Role.AUTHOR, email="alice@example.org")
    make_user("erin", Role.EDITOR, email="erin@example.org")
    post = make_post(
        author=author, status=Status.DRAFT, published_at=None, title="Bins"
    )
    client_for(author).post(
        reverse("editorial:post_step", args=[post.pk, "submit"]), {"comment": ""}
    )
    assert inbox.messages == [], "sent by the job runner, not by the page"
    run_once()
    [mail] = inbox.to("erin@example.org")
    assert mail["Subject"] == "Ready for review: Bins"
    assert SITE_URL + reverse("editorial:post", args=[post.pk]) in text_part(mail)


@pytest.fixture
def alice_and_erin(make_user):
    author = make_user("alice", Role.AUTHOR, email="alice@example.org")
    editor = make_user("erin", Role.EDITOR, email="erin@example.org")
    return author, editor


def schedule_for(editor, post, at) -> None:
    client_for(editor).post(
        reverse("editorial:post_step", args=[post.pk, "publish"]),
        {"published_at": at.strftime("%Y-%m-%dT%H:%M"), "comment": ""},
    )


def subjects_to(inbox, address: str) -> list[str]:
    return [m["Subject"] for m in inbox.to(address)]


def test_the_author_gets_went_live_once_through_the_outbox_like_every_staff_mail(
    inbox, alice_and_erin, make_post, now, time_machine
):
    author, editor = alice_and_erin
    post = make_post(
        author=author, status=Status.IN_REVIEW, published_at=None, title="Due"
    )
    schedule_for(editor, post, now + timedelta(hours=1))
    time_machine.move_to(now + timedelta(hours=1), tick=False)
    run_once()
    run_once()
    assert subjects_to(inbox, "alice@example.org") == [
        "Approved: Due",
        "Live as scheduled: Due",
    ]
    assert subjects_to(inbox, "erin@example.org") == ["Live as scheduled: Due"]
    live = inbox.to("alice@example.org")[1]
    assert f"{SITE_URL}/en/posts/{post.slug}/" in text_part(live)


def test_an_author_who_wants_no_went_live_mail_gets_none(
    inbox, alice_and_erin, make_post, now, time_machine
):
    author, editor = alice_and_erin
    Preference.objects.create(
        user=author, event=Event.WENT_LIVE, by_email=False, in_list=True
    )
    post = make_post(
        author=author, status=Status.IN_REVIEW, published_at=None, title="Due"
    )
    schedule_for(editor, post, now + timedelta(hours=1))
    time_machine.move_to(now + timedelta(hours=1), tick=False)
    run_once()
    assert subjects_to(inbox, "alice@example.org") == ["Approved: Due"]
    assert Notification.objects.filter(user=author, event=Event.WENT_LIVE).exists()


def test_a_post_published_at_once_is_not_announced_again_as_gone_live(
    inbox, alice_and_erin, make_post
):
    author, editor = alice_and_erin
    post = make_post(
        author=author, status=Status.IN_REVIEW, published_at=None, title="Now"
    )
    client_for(editor).post(
        reverse("editorial:post_step", args=[post.pk, "publish"]), {"comment": ""}
    )
    run_once()
    run_once()
    assert subjects_to(inbox, "alice@example.org") == ["Published: Now"]
    assert not Notification.objects.filter(event=Event.WENT_LIVE).exists()


def choose_language(user, language: str) -> None:
    """As the person does it: on their own notifications page."""
    response = client_for(user).post(
        reverse("notifications:preferences"),
        {"language": language, **{f"{event}-email": "on" for event in Event.values}},
    )
    assert response.status_code == 302


def test_two_staff_get_the_same_event_each_in_their_own_language(
    inbox, make_user, make_post
):
    author = make_user("alice", Role.AUTHOR, email="alice@example.org")
    make_user("erin", Role.EDITOR, email="erin@example.org")
    francoise = make_user("francoise", Role.EDITOR, email="francoise@example.org")
    choose_language(francoise, "fr")
    post = make_post(
        author=author, status=Status.DRAFT, published_at=None, title="Bins"
    )
    client_for(author).post(
        reverse("editorial:post_step", args=[post.pk, "submit"]), {"comment": ""}
    )
    run_once()
    [english] = inbox.to("erin@example.org")
    [french] = inbox.to("francoise@example.org")
    assert english["Subject"] == "Ready for review: Bins"
    assert french["Subject"] == "Prête pour relecture : Bins"
    assert "a soumis « Bins » à relecture" in text_part(french)
    assert (english["Content-Language"], french["Content-Language"]) == ("en", "fr")


def test_a_mail_names_who_acted_as_colleagues_know_them(inbox, make_user, make_post):
    author = make_user(
        "asmith", Role.AUTHOR, email="alice@example.org", first_name="Alice",
        last_name="Smith",
    )  # fmt: skip
    make_user("erin", Role.EDITOR, email="erin@example.org")
    post = make_post(
        author=author, status=Status.DRAFT, published_at=None, title="Bins"
    )
    client_for(author).post(
        reverse("editorial:post_step", args=[post.pk, "submit"]), {"comment": ""}
    )
    run_once()
    [mail] = inbox.to("erin@example.org")
    assert "Alice Smith" in text_part(mail)
    assert "asmith" not in text_part(mail)


def test_the_date_in_a_mail_is_written_the_recipient_s_way(
    inbox, alice_and_erin, make_post, now
):
    author, editor = alice_and_erin
    choose_language(author, "fr")
    post = make_post(
        author=author, status=Status.IN_REVIEW, published_at=None, title="Due"
    )
    schedule_for(editor, post, now + timedelta(days=2))
    run_once()
    [approved] = inbox.to("alice@example.org")
    assert approved["Subject"] == "Approuvé : Due"
    assert "juin" in text_part(approved), "a French month name"
