"""Back-office lists cost the same with a hundred posts or a million: no count of the
whole table, any page read from its ids, the dashboard started from small indexes."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.editorial.models import Revision, RevisionState
from bulletin.posts import paging
from bulletin.posts.models import Status

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.text for a in soup.select("table.post-table th[scope=row] > a")]


def text_of(response, selector: str) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.select_one(selector).get_text().split())


def unbounded_counts(queries) -> list[str]:
    """COUNT queries over a table rather than over a LIMITed subquery."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if "COUNT(" in q["sql"].upper() and not re.search(r"LIMIT \d+\)", q["sql"])
    ]


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 5)
    from bulletin.editorial.views import lists

    monkeypatch.setattr(lists, "PAGE_SIZE", 2)


def test_past_the_cap_the_list_says_more_than_and_pages_on(
    editor_client, make_post, now, small_cap
):
    from datetime import timedelta

    for n in range(9):
        make_post(title=f"Post {n}", updated_at=now - timedelta(minutes=n))
    url = reverse("editorial:posts")
    with CaptureQueriesContext(connection) as queries:
        first = editor_client.get(url)
    assert text_of(first, ".list-count") == "More than 5 posts"
    assert not unbounded_counts(queries)
    assert titles(first) == ["Post 0", "Post 1"]
    # Page 4 lies past what was counted, and is still there, with its neighbours.
    fourth = editor_client.get(url, {"page": 4})
    assert titles(fourth) == ["Post 6", "Post 7"]
    assert text_of(fourth, ".pagination [aria-current=page]") == "Page 4"
    soup = BeautifulSoup(fourth.content, "html.parser")
    assert soup.select_one("a[rel=next]") and soup.select_one("a[rel=prev]")
    last = editor_client.get(url, {"page": 5})
    assert titles(last) == ["Post 8"]
    assert not BeautifulSoup(last.content, "html.parser").select_one("a[rel=next]")
    # Past the end: the last page, as before.
    assert titles(editor_client.get(url, {"page": 99})) == ["Post 8"]


def test_under_the_cap_the_count_and_pages_are_exact(
    editor_client, make_post, small_cap
):
    for n in range(3):
        make_post(title=f"Post {n}")
    response = editor_client.get(reverse("editorial:posts"), {"page": 2})
    assert text_of(response, ".list-count") == "3 posts"
    assert text_of(response, ".pagination [aria-current=page]") == "Page 2 of 2"


def test_the_translations_overview_counts_no_table(editor_client, make_post):
    for _ in range(3):
        make_post()
    with CaptureQueriesContext(connection) as queries:
        assert editor_client.get(reverse("i18n:index")).status_code == 200
    assert not unbounded_counts(queries)


def test_the_dashboard_shows_posts_whose_newest_revision_is_a_prepared_change(
    editor_client, make_post
):
    prepared = make_post(title="Prepared")
    Revision.objects.create(post=prepared, number=1, data={})
    Revision.objects.create(
        post=prepared, number=2, state=RevisionState.PENDING, data={}
    )
    superseded = make_post(title="Superseded")
    Revision.objects.create(
        post=superseded, number=1, state=RevisionState.PENDING, data={}
    )
    Revision.objects.create(post=superseded, number=2, data={})
    make_post(title="Plain", status=Status.PUBLISHED)
    response = editor_client.get(reverse("editorial:dashboard"))
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.select_one("#section-changes").find_parent("section")
    assert [a.text for a in section.select("th[scope=row] > a")] == ["Prepared"]
