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


def next_href(response) -> str | None:
    link = BeautifulSoup(response.content, "html.parser").select_one("a[rel=next]")
    return link["href"] if link else None


def prev_href(response) -> str | None:
    link = BeautifulSoup(response.content, "html.parser").select_one("a[rel=prev]")
    return link["href"] if link else None


def picked(response) -> list[int]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [int(box["value"]) for box in soup.select("input[name=post]")]


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
    # Pages 1 and 2 hold the first five posts; Next goes on from the last row shown.
    second = editor_client.get(url + next_href(first))
    assert text_of(second, ".pagination [aria-current=page]") == "Page 2"
    third = editor_client.get(url + next_href(second))
    assert "after=" in next_href(second)
    assert titles(third) == ["Post 4", "Post 5"]
    assert text_of(third, ".pagination [aria-current=page]") == "Page 3"
    fourth = editor_client.get(url + next_href(third))
    assert titles(fourth) == ["Post 6", "Post 7"]
    last = editor_client.get(url + next_href(fourth))
    assert titles(last) == ["Post 8"]
    assert next_href(last) is None
    # Previous walks back the same way, to the numbered pages.
    assert titles(editor_client.get(url + prev_href(fourth))) == ["Post 4", "Post 5"]
    assert "page=2" in prev_href(third)


def test_the_last_page_is_read_from_the_end_and_pages_back(
    editor_client, make_post, small_cap
):
    posts = [make_post(title=f"Post {n}") for n in range(9)]
    url = reverse("editorial:posts")
    last = editor_client.get(url, {"page": "last", "sort": "title"})
    assert titles(last) == ["Post 7", "Post 8"]
    assert text_of(last, ".pagination [aria-current=page]") == "Last page"
    before = editor_client.get(url + prev_href(last))
    assert titles(before) == ["Post 5", "Post 6"]
    assert text_of(before, ".pagination [aria-current=page]") == "Page 2 from the end"
    assert titles(editor_client.get(url + next_href(before))) == ["Post 7", "Post 8"]
    assert len(posts) == 9


def test_a_page_number_past_the_numbered_pages_is_404_and_says_how_to_go_on(
    editor_client, make_post, small_cap
):
    for _ in range(9):
        make_post()
    response = editor_client.get(reverse("editorial:posts"), {"page": 99})
    assert response.status_code == 404
    assert "Only the first 5 posts of a list have page numbers" in " ".join(
        response.content.decode().split()
    )


def test_a_page_number_past_the_end_of_a_counted_list_goes_to_the_last_page(
    editor_client, make_post, small_cap
):
    for _ in range(3):
        make_post(kind="notice")
    url = reverse("editorial:posts")
    response = editor_client.get(url, {"page": 99, "kind": "notice"})
    assert response.status_code == 302
    assert response["Location"] == url + "?kind=notice&page=2"


@pytest.mark.parametrize(
    "position", ["nonsense", "x" * 3000, "W1siLXVwZGF0ZWQiXV0:1abc:def"]
)
def test_a_damaged_position_is_refused_with_400(editor_client, make_post, position):
    make_post()
    url = reverse("editorial:posts")
    assert editor_client.get(url, {"after": position}).status_code == 400
    assert editor_client.get(url, {"before": position}).status_code == 400


def test_a_position_from_another_order_is_refused_with_400(
    editor_client, make_post, small_cap
):
    for _ in range(9):
        make_post()
    url = reverse("editorial:posts")
    page = editor_client.get(url, {"page": 2})
    following = next_href(page)
    assert "after=" in following
    assert editor_client.get(url + following + "&sort=title").status_code == 400


SORTS = ["-updated", "updated", "title", "-title", "kind", "-kind", "status",
         "-status", "author", "-author", "published", "-published"]  # fmt: skip


@pytest.fixture
def tied_posts(make_post, make_user, now):
    """Posts with equal titles, times and authors, drafts without publication time,
    posts without author: every tie the order breaks by id."""
    from datetime import timedelta

    from bulletin.accounts.roles import Role

    writers = [make_user("zoe", Role.AUTHOR, first_name="Zoe"), None,
               make_user("al", Role.AUTHOR, first_name="Al")]  # fmt: skip
    posts = []
    for n in range(13):
        draft = n % 4 == 0
        posts.append(
            make_post(
                title=f"Title {n % 3}",
                kind=["news", "notice", "event"][n % 3],
                status=Status.DRAFT if draft else Status.PUBLISHED,
                published_at=None if draft else now - timedelta(hours=n % 2),
                updated_at=now - timedelta(minutes=n % 3),
                author=writers[n % 3],
                event_start=now if n % 3 == 2 else None,
            )
        )
    return posts


@pytest.mark.parametrize("sort", SORTS)
def test_walking_next_shows_every_post_once_in_every_order(
    editor_client, tied_posts, small_cap, sort
):
    url = reverse("editorial:posts")
    response = editor_client.get(url, {"sort": sort})
    seen = picked(response)
    while next_href(response):
        response = editor_client.get(url + next_href(response))
        assert response.status_code == 200
        seen += picked(response)
    assert sorted(seen) == sorted(post.pk for post in tied_posts)
    # Walking back from the end gives the same order, reversed.
    response = editor_client.get(url, {"sort": sort, "page": "last"})
    back = picked(response)
    while prev_href(response):
        response = editor_client.get(url + prev_href(response))
        back = picked(response) + back
    assert back == seen
    # And on again from the first page reached that way: nothing skipped.
    again = picked(response)
    while next_href(response):
        response = editor_client.get(url + next_href(response))
        again += picked(response)
    assert again == seen


def test_a_deep_page_costs_what_an_early_one_does(editor_client, make_post, small_cap):
    for n in range(40):
        make_post(title=f"Post {n}")
    url = reverse("editorial:posts")
    response = editor_client.get(url, {"page": 2})
    costs = []
    for _ in range(8):
        href = next_href(response)
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(url + href)
        # (The content version is re-read on a clock, whatever the page.)
        costs.append(
            sum("contentversion" not in q["sql"] for q in queries.captured_queries)
        )
        assert not unbounded_counts(queries)
        assert not [q for q in queries.captured_queries if "OFFSET" in q["sql"]]
    assert len(set(costs)) == 1


def test_a_date_range_sorted_by_another_column_finds_its_posts(
    editor_client, make_post, now, small_cap
):
    from datetime import timedelta

    inside = [
        make_post(title=f"In {n}", published_at=now - timedelta(days=400 + n))
        for n in range(3)
    ]
    make_post(title="Outside", published_at=now - timedelta(days=10))
    day = (now - timedelta(days=405)).date()
    response = editor_client.get(
        reverse("editorial:posts"),
        {
            "dates": "published",
            "date_from": day.isoformat(),
            "date_to": (now - timedelta(days=300)).date().isoformat(),
            "sort": "title",
        },
    )
    assert set(picked(response)) | set(
        picked(editor_client.get(reverse("editorial:posts") + next_href(response)))
    ) == {p.pk for p in inside}


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


def test_the_translations_overview_pages_on_past_its_numbers(
    editor_client, make_post, monkeypatch
):
    from bulletin.i18n import backoffice

    monkeypatch.setattr(paging, "COUNT_CAP", 5)
    monkeypatch.setattr(backoffice, "PAGE_SIZE", 2)
    posts = [make_post(title=f"Post {n}") for n in range(9)]
    url = reverse("i18n:index")
    response = editor_client.get(url)
    seen = []
    while True:
        soup = BeautifulSoup(response.content, "html.parser")
        seen += [a.text for a in soup.select("th[scope=row] > a")]
        link = soup.select_one("a[rel=next]")
        if not link:
            break
        response = editor_client.get(url + link["href"])
    assert sorted(seen) == sorted(post.title for post in posts)
    assert len(seen) == len(set(seen))
    assert editor_client.get(url, {"page": 40}).status_code == 404
    assert editor_client.get(url, {"after": "made-up"}).status_code == 400


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


def test_a_date_range_without_an_order_reads_along_its_dates(
    editor_client, make_post, now
):
    from datetime import timedelta

    older = make_post(
        title="Older", published_at=now - timedelta(days=20), updated_at=now
    )
    newer = make_post(
        title="Newer",
        published_at=now - timedelta(days=10),
        updated_at=now - timedelta(days=30),
    )
    response = editor_client.get(
        reverse("editorial:posts"),
        {"dates": "published", "date_from": (now - timedelta(days=40)).date()},
    )
    assert picked(response) == [newer.pk, older.pk]
    soup = BeautifulSoup(response.content, "html.parser")
    sorted_by = soup.select_one("th[aria-sort]")
    assert sorted_by["aria-sort"] == "descending"
    assert "Published" in sorted_by.get_text()
