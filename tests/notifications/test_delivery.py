"""A workflow e-mail leaves through the outbox and a real SMTP server, after commit."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from bulletin.accounts.roles import ROLE_PERMISSIONS, Role
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
