"""The all-posts list finds words in bodies through the search app, filters and sorts."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bulletin.posts.models import Kind, Status
from tests.conftest import NOW

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


def headers(response) -> dict[str, dict]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        th.a.text.strip(" ▲▼"): {"sort": th.get("aria-sort"), "href": th.a["href"]}
        for th in soup.select("table.post-table thead th[scope=col]")
        if th.a
    }


def test_topic_author_and_date_range_combine(
    editor_client, make_post, make_topic, editor, author
):
    from datetime import timedelta

    harbour = make_topic("Harbour")
    old = NOW - timedelta(days=400)
    make_post(title="Old harbour", topics=[harbour], author=author, published_at=old)
    make_post(title="New harbour", topics=[harbour], author=author)
    make_post(
        title="Old by the editor", topics=[harbour], author=editor, published_at=old
    )
    make_post(title="Old, no topic", author=author, published_at=old)
    day = old.date()
    response = editor_client.get(
        reverse("editorial:posts"),
        {
            "topic": "harbour",
            "author": author.pk,
            "dates": "published",
            "date_from": day.isoformat(),
            "date_to": day.isoformat(),
        },
    )
    assert titles(response) == ["Old harbour"]
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.select_one(".active-filters").get_text(" ", strip=True)
    assert "Topic: Harbour" in summary
    assert "Author: alice" in summary
    assert "publication time from" in summary
    clear = soup.find("a", string="Clear filters")["href"]
    assert len(titles(editor_client.get(reverse("editorial:posts") + clear))) == 4


def test_a_date_range_reads_whole_days_on_the_sites_clock(
    editor_client, make_post, settings
):
    from datetime import UTC, datetime

    settings.TIME_ZONE = "Europe/Zurich"
    # 23:30 UTC on 31 May is already 1 June in Zurich.
    make_post(
        title="Late in May (UTC)",
        published_at=datetime(2026, 5, 31, 23, 30, tzinfo=UTC),
    )
    make_post(
        title="31 May in Zurich", published_at=datetime(2026, 5, 31, 12, 0, tzinfo=UTC)
    )
    url = reverse("editorial:posts")
    response = editor_client.get(
        url, {"date_from": "2026-06-01", "date_to": "2026-06-01"}
    )
    assert titles(response) == ["Late in May (UTC)"]
    assert "Europe/Zurich" in response.content.decode()


def test_updated_dates_filter_by_the_last_change(editor_client, make_post, now):
    from datetime import timedelta

    make_post(title="Touched long ago", updated_at=now - timedelta(days=30))
    make_post(title="Touched today", updated_at=now)
    response = editor_client.get(
        reverse("editorial:posts"),
        {"dates": "updated", "date_to": (now - timedelta(days=1)).date().isoformat()},
    )
    assert titles(response) == ["Touched long ago"]


def test_a_backwards_date_range_is_a_form_error(editor_client):
    response = editor_client.get(
        reverse("editorial:posts"), {"date_from": "2026-02-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 400
    assert "The last day comes before the first" in response.content.decode()


def test_bad_dates_and_unknown_topics_are_a_clear_400(editor_client):
    url = reverse("editorial:posts")
    for bad in (
        {"date_from": "31/31/2026"},
        {"topic": "nope"},
        {"author": "x"},
        {"author": "9" * 40},
        {"author": "-1"},
        {"q": "x" * 201},
    ):
        response = editor_client.get(url, bad)
        assert response.status_code == 400, bad
        assert "There is a problem" in response.content.decode()


def test_authors_see_no_author_filter_and_only_their_own_posts(
    author_client, author, other_author, make_post
):
    make_post(title="Mine", author=author)
    make_post(title="Theirs", author=other_author)
    response = author_client.get(
        reverse("editorial:posts"), {"author": other_author.pk}
    )
    assert titles(response) == ["Mine"]  # the filter is not theirs to use
    assert b'name="author"' not in response.content


def test_every_column_sorts_both_ways_with_aria_sort(editor_client, make_post, now):
    from datetime import timedelta

    make_post(title="Banana", published_at=now - timedelta(days=2))
    make_post(title="Apple", published_at=now - timedelta(days=1))
    make_post(title="Cherry", status=Status.DRAFT, published_at=None)
    url = reverse("editorial:posts")
    first = headers(editor_client.get(url))
    assert first["Last change"]["sort"] == "descending"  # the default order
    assert set(first) == {
        "Title",
        "Kind",
        "Status",
        "Author",
        "Last change",
        "Published",
    }
    by_title = editor_client.get(url + first["Title"]["href"])
    assert titles(by_title) == ["Apple", "Banana", "Cherry"]
    assert headers(by_title)["Title"]["sort"] == "ascending"
    reversed_ = editor_client.get(url + headers(by_title)["Title"]["href"])
    assert titles(reversed_) == ["Cherry", "Banana", "Apple"]
    assert headers(reversed_)["Title"]["sort"] == "descending"
    newest = editor_client.get(url + first["Published"]["href"])
    # Newest first; a draft has no publication time and comes last either way.
    assert titles(newest) == ["Apple", "Banana", "Cherry"]
    oldest = editor_client.get(url + headers(newest)["Published"]["href"])
    assert titles(oldest) == ["Banana", "Apple", "Cherry"]
    for column in ("Kind", "Status", "Author"):
        assert editor_client.get(url + first[column]["href"]).status_code == 200


def test_equal_values_keep_one_stable_order_across_pages(
    editor_client, make_post, monkeypatch
):
    from bulletin.editorial.views import lists

    monkeypatch.setattr(lists, "PAGE_SIZE", 2)
    for _ in range(5):
        make_post(title="Same title")
    url = reverse("editorial:posts")
    seen = []
    for number in (1, 2, 3):
        response = editor_client.get(url, {"sort": "title", "page": number})
        soup = BeautifulSoup(response.content, "html.parser")
        seen += [box["value"] for box in soup.select("input[name=post]")]
    assert len(seen) == 5 and len(set(seen)) == 5


def test_paging_keeps_the_filters_and_the_order(
    editor_client, make_post, make_topic, monkeypatch
):
    from urllib.parse import parse_qs, urlsplit

    from bulletin.editorial.views import lists

    monkeypatch.setattr(lists, "PAGE_SIZE", 2)
    topic = make_topic("Roads")
    for n in range(5):
        make_post(title=f"Road works {n}", topics=[topic])
    make_post(title="Something else")
    url = reverse("editorial:posts")
    response = editor_client.get(
        url, {"topic": "roads", "sort": "title", "kind": "news"}
    )
    soup = BeautifulSoup(response.content, "html.parser")
    following = soup.select_one("a[rel=next]")["href"]
    assert parse_qs(urlsplit(following).query) == {
        "topic": ["roads"],
        "kind": ["news"],
        "sort": ["title"],
        "page": ["2"],
    }
    second = editor_client.get(url + following)
    assert titles(second) == ["Road works 2", "Road works 3"]
    # Sorting from page 2 starts again at page 1, filters kept.
    title_link = headers(second)["Title"]["href"]
    assert "page" not in parse_qs(urlsplit(title_link).query)
    assert parse_qs(urlsplit(title_link).query)["topic"] == ["roads"]
    # The filter form carries the order too.
    assert soup.select_one("form[role=search] input[name=sort]")["value"] == "title"


def test_removing_one_filter_keeps_the_others(editor_client, make_post):
    make_post(title="Notice in French", kind=Kind.NOTICE, language="fr")
    make_post(title="News in French", language="fr")
    response = editor_client.get(
        reverse("editorial:posts"), {"kind": "notice", "language": "fr"}
    )
    soup = BeautifulSoup(response.content, "html.parser")
    remove_kind = next(
        a["href"] for a in soup.select(".active-filters li a") if "Kind" in a.text
    )
    assert titles(editor_client.get(reverse("editorial:posts") + remove_kind)) == [
        "News in French",
        "Notice in French",
    ]


@pytest.mark.parametrize(
    "asked",
    [
        {},
        {"q": "body", "sort": "author"},
        {"topic": "parks", "dates": "updated", "date_from": "2026-01-01"},
        {"status": "published", "kind": "news", "sort": "-published"},
    ],
)
def test_the_list_costs_the_same_queries_for_few_or_many_rows(
    editor_client, make_post, make_topic, make_user, asked
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bulletin.accounts.roles import Role

    topic = make_topic("Parks")
    url = reverse("editorial:posts")

    def count(rows: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(url, {**asked, "author": ""})
        assert response.status_code == 200
        assert len(titles(response)) == rows
        return len(queries)

    count(0)  # per-process caches filled (on PG, the search's word frequencies)
    make_post(author=make_user("writer-0", Role.AUTHOR), topics=[topic])
    few = count(1)
    for n in range(1, 30):
        # Each post by another person, with its topic: nothing read row by row.
        make_post(author=make_user(f"writer-{n}", Role.AUTHOR), topics=[topic])
    assert count(30) == few


@pytest.mark.parametrize(
    "dates",
    [
        {"date_from": "0001-01-01"},
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31", "dates": "updated"},
    ],
)
def test_the_ends_of_the_calendar_are_no_error(
    editor_client, make_post, dates, settings
):
    settings.TIME_ZONE = "America/New_York"
    make_post(title="Any time")
    response = editor_client.get(reverse("editorial:posts"), dates)
    assert response.status_code == 200
    assert titles(response) == ["Any time"]
