"""A long date range sorted by the other date is sorted on its own, not read by walking
that date's index through the posts beyond it (13 s at a million posts), and pages
through every post of the range once, in order, both ways."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.posts import paging
from bulletin.posts.models import Post
from tests.editorial.test_lists_at_scale import next_href, picked, prev_href

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(paging, "COUNT_CAP", 5)
    from bulletin.editorial.views import lists

    monkeypatch.setattr(lists, "PAGE_SIZE", 4)


@pytest.fixture
def years(make_post, now, small_cap):
    """Two posts a month for three years, each changed some days after publication."""
    posts = []
    for month in range(36):
        for n in range(2):
            published = now - timedelta(days=30 * month + 7 * n)
            posts.append(
                make_post(
                    title=f"Month {month} {n}",
                    published_at=published,
                    updated_at=published + timedelta(days=(month * 5 + n) % 11),
                )
            )
    return posts


def walk(client, query: dict) -> tuple[list[int], list[str]]:
    url = reverse("editorial:posts")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
        seen = picked(response)
        while next_href(response):
            response = client.get(url + next_href(response))
            assert response.status_code == 200
            seen += picked(response)
        back_response = client.get(url, {**query, "page": "last"})
        back = picked(back_response)
        while prev_href(back_response):
            back_response = client.get(url + prev_href(back_response))
            back = picked(back_response) + back
    assert back == seen
    return seen, [q["sql"] for q in queries.captured_queries]


# Newest first, an old range lies behind most posts; oldest first, a recent one.
@pytest.mark.parametrize(
    ("sort", "days"), [("-updated", (900, 600)), ("updated", (300, 100))]
)
def test_a_range_far_from_where_the_walk_starts_is_sorted_on_its_own(
    editor_client, years, now, sort, days
):
    start, end = now - timedelta(days=days[0]), now - timedelta(days=days[1])
    query = {
        "dates": "published",
        "date_from": start.date().isoformat(),
        "date_to": end.date().isoformat(),
        "sort": sort,
    }
    seen, sqls = walk(editor_client, query)
    inside = Post.objects.filter(
        published_at__date__gte=start.date(), published_at__date__lte=end.date()
    ).order_by(sort.replace("updated", "updated_at"), "-pk" if sort[0] == "-" else "pk")
    assert seen == [post.pk for post in inside]
    assert len(seen) > 5  # more than the (small) cap: not named by id
    # Ordered by an expression no index answers, so the range is read by its own.
    assert any("ORDER BY" in sql and "COALESCE" in sql for sql in sqls)


def test_a_range_up_to_now_by_last_change_walks_the_change_index(
    editor_client, years, now
):
    start = now - timedelta(days=800)
    query = {"dates": "published", "date_from": start.date().isoformat()}
    seen, sqls = walk(editor_client, {**query, "sort": "-updated"})
    inside = Post.objects.filter(published_at__date__gte=start.date()).order_by(
        "-updated_at", "-pk"
    )
    assert seen == [post.pk for post in inside]
    assert not any("COALESCE" in sql for sql in sqls)


def test_a_range_sorted_by_last_change_keeps_that_order_in_its_links(
    editor_client, make_post, now
):
    """The range's own default is its dates: "newest change first" must be named in
    its links (the header, the form), or the next page falls back to publication."""
    from bs4 import BeautifulSoup

    make_post()
    query = {"dates": "published", "date_from": (now - timedelta(days=9)).date()}
    url = reverse("editorial:posts")
    soup = BeautifulSoup(editor_client.get(url, query).content, "html.parser")
    header = soup.find("a", string="Last change")
    assert "sort=-updated" in header["href"]
    response = editor_client.get(url + header["href"])
    soup = BeautifulSoup(response.content, "html.parser")
    assert (
        soup.select_one("th[aria-sort] a")
        .get_text(strip=True)
        .startswith("Last change")
    )
    assert soup.select_one("input[type=hidden][name=sort]")["value"] == "-updated"
