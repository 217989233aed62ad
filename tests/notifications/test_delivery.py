"""A workflow e-mail leaves through the outbox and a real SMTP server, after commit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bulletin.accounts.roles import Role
from bulletin.posts.models import Status
from bulletin.scheduling.worker import run_once
from tests.editorial.conftest import client_for
from tests.subscriptions.conftest import SITE_URL, text_part

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


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
