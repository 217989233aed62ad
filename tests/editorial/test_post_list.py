"""The all-posts list finds words in bodies through the search app, filters and sorts."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bulletin.posts.models import Kind, Status

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text for a in soup.select("table.post-table th[scope=row] > a")]


def test_words_in_the_body_find_the_post(editor_client, make_post):
    make_post(title="Council meeting", body="<p>The budget for the harbour.</p>")
    make_post(title="Road works", body="<p>Main street closed.</p>")
    response = editor_client.get(reverse("editorial:posts"), {"q": "harbour"})
    assert titles(response) == ["Council meeting"]


def test_filters_by_kind_language_and_scheduled_status(editor_client, make_post, now):
    from datetime import timedelta

    make_post(title="Later", published_at=now + timedelta(days=2))
    make_post(title="Notice", kind=Kind.NOTICE)
    make_post(title="Brouillon", language="fr", status=Status.DRAFT, published_at=None)
    url = reverse("editorial:posts")
    assert titles(editor_client.get(url, {"status": "scheduled"})) == ["Later"]
    assert titles(editor_client.get(url, {"kind": "notice"})) == ["Notice"]
    assert titles(editor_client.get(url, {"language": "fr"})) == ["Brouillon"]
    assert titles(editor_client.get(url, {"sort": "title"})) == [
        "Brouillon",
        "Later",
        "Notice",
    ]


@pytest.mark.parametrize(
    "bad", [{"sort": "password"}, {"kind": "x"}, {"language": "xx"}, {"status": "x"}]
)
def test_unknown_filters_are_a_clear_400(editor_client, bad):
    assert editor_client.get(reverse("editorial:posts"), bad).status_code == 400
