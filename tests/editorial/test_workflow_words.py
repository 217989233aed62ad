"""A workflow people can follow: recall, the editor's comment on the author's
dashboard, history in plain words, and a check page before publishing."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.editorial import services
from bulletin.editorial.models import Action
from bulletin.posts.models import Status

pytestmark = pytest.mark.django_db


def step_url(post, step: str) -> str:
    return reverse("editorial:post_step", args=[post.pk, step])


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def submitted(author, make_post):
    post = make_post(author=author, status=Status.DRAFT, published_at=None)
    return services.submit(post, author, "Ready")


def test_an_author_can_recall_a_submitted_post(author_client, author, submitted):
    page = soup_of(author_client.get(reverse("editorial:post", args=[submitted.pk])))
    assert page.find("a", string="Recall from review")
    response = author_client.post(step_url(submitted, "recall"), {"comment": ""})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.DRAFT
    assert submitted.history.first().action == Action.RECALLED


def test_nobody_else_without_edit_rights_can_recall(other_author, submitted, client):
    client.force_login(other_author)
    response = client.post(step_url(submitted, "recall"), {"comment": ""})
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == Status.IN_REVIEW


def test_a_post_sent_back_shows_the_editors_comment_with_a_badge_on_the_dashboard(
    author_client, editor, submitted, make_post, author
):
    services.send_back(submitted, editor, "Please add the opening hours.")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            author_client.get(reverse("editorial:dashboard"))
        return len(captured)

    queries()  # the first request of a session does more (session, sign-in checks)
    before = queries()
    for _ in range(3):
        make_post(author=author, status=Status.DRAFT, published_at=None)
    assert queries() == before, "no query per post on the dashboard"
    page = soup_of(author_client.get(reverse("editorial:dashboard")))
    drafts = page.select_one("#section-drafts").parent
    assert "1 sent back to you" in drafts.h2.text
    row = drafts.find("a", string=submitted.title).parent
    assert row.select_one(".badge").text == "Sent back"
    assert "Please add the opening hours." in row.blockquote.text


def test_history_reads_as_plain_sentences_with_names(
    now, editor_client, editor, author, submitted
):
    editor.first_name, editor.last_name = "Erin", "Silva"
    editor.save()
    response = editor_client.post(
        step_url(submitted, "publish"), {"published_at": "2026-12-05T09:00"}
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = soup_of(editor_client.get(reverse("editorial:post", args=[submitted.pk])))
    lines = [li.strong.text for li in page.select("ol.history li")]
    assert lines[0] == "Scheduled for 5 Dec 09:00 by Erin Silva"
    assert lines[1] == "Submitted for review by alice"


def test_publishing_starts_from_a_summary_to_check(
    editor_client, submitted, make_topic
):
    submitted.topics.add(make_topic("Water"))
    page = soup_of(editor_client.get(step_url(submitted, "publish")))
    assert page.h1.text == "Check before you publish"
    summary = {
        dt.text: dt.find_next_sibling("dd").text
        for dt in page.select(".summary-list dt")
    }
    assert summary["Title"] == submitted.title
    assert summary["Kind"].startswith("News")
    assert summary["Topics"] == "Water"
    assert summary["Documents"] == "None"
    assert "English (this post)" in summary["Languages"]
    assert page.find("button", string="Confirm and publish")
    assert page.select_one("label[for=id_published_at]").text.startswith("Publish at")
