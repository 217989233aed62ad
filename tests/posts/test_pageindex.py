"""A list's page index follows every change by recounting only the days it touched."""

from __future__ import annotations

import random
import re
import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bulletin.posts import pageindex
from bulletin.posts.listing import PostList, page, page_keys
from bulletin.posts.models import Kind, Post, Status, StoredPageIndex
from bulletin.posts.pageindex import PAGE_SIZE, count_in_full
from bulletin.posts.state import content_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread(now, make_post):
    """Posts over 60 days, a few per day, so the days matter."""
    rng = random.Random(5)
    return [
        make_post(
            published_at=now - timedelta(days=rng.randint(0, 60), minutes=n),
            kind=rng.choice([Kind.NEWS, Kind.NOTICE]),
        )
        for n in range(90)
    ]


def counting_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def test_after_a_change_only_the_touched_days_are_counted_again(spread, make_post, now):
    post_list = PostList(language="en")
    assert page_keys(post_list).count == 90
    old = spread[0]
    with CaptureQueriesContext(connection) as queries:
        make_post(published_at=now - timedelta(days=3))
        old.published_at = now - timedelta(days=40, hours=5)
        old.save()
        index = page_keys(post_list)
    counts = counting_queries(queries.captured_queries)
    assert len(counts) == 1
    # Bounded by the changed days' time ranges, not a walk of the whole list.
    assert counts[0].count('"published_at" >=') >= 1
    full = count_in_full(post_list, content_state(), now)
    assert index.by_day == {d: n for d, n in full.by_day.items() if n}
    assert index.count == 91


@pytest.mark.parametrize("year", [False, True])
def test_recounting_a_past_day_gives_the_database_one_upper_time_bound(
    spread, now, year
):
    # Given the day's end and the visibility rule's `<= now` together, SQLite may
    # start its walk of the list index at now and read every newer row to count one
    # day months back; a year's list has its year's end as a third bound.
    old = spread[0]
    old.published_at = now - timedelta(days=50, hours=3)
    old.save()
    post_list = PostList(language="en", year=old.published_at.year if year else None)
    before = page_keys(post_list).count
    with CaptureQueriesContext(connection) as queries:
        old.title = "Corrected"
        old.published_at -= timedelta(minutes=1)
        old.save()
        assert page_keys(post_list).count == before
    counts = counting_queries(queries.captured_queries)
    assert len(counts) == 1
    assert len(re.findall(r'"published_at" <', counts[0])) == 1, counts[0]
    assert counts[0].count('"published_at" >=') >= 1


def test_a_recount_of_the_day_a_year_ends_on_keeps_the_next_year_out(make_post, now):
    # In Seoul the year 2025 ends at 15:00 UTC on 31 December: that UTC day holds
    # posts of both years, and the one upper bound of its recount is the year's end.
    new_year = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Seoul"))
    last = make_post(published_at=new_year - timedelta(minutes=30))
    make_post(published_at=new_year + timedelta(minutes=30), title="Next year")
    make_post(published_at=new_year - timedelta(days=3))
    with timezone.override(ZoneInfo("Asia/Seoul")):
        year = PostList(language="en", year=2025)
        assert page_keys(year).count == 2
        last.title = "Corrected"
        last.published_at += timedelta(minutes=10)
        last.save()
        index = page_keys(year)
        full = count_in_full(year, content_state(), now)
    assert not index.in_full  # the day was recounted, not the whole list
    assert index.count == 2
    assert index.by_day == {d: n for d, n in full.by_day.items() if n}


def test_pages_stay_exact_through_random_publications_and_withdrawals(
    spread, make_post, now
):
    rng = random.Random(9)
    post_list = PostList(language="en")
    page_keys(post_list)
    for step in range(12):
        if step % 3 == 0:
            victim = rng.choice(list(Post.objects.filter(status=Status.PUBLISHED)))
            victim.status = Status.WITHDRAWN
            victim.save()
        else:
            make_post(published_at=now - timedelta(days=rng.randint(0, 60)))
        keys = page_keys(post_list)
        expected = list(post_list.queryset())
        shown = [
            p for n in range(1, keys.num_pages + 1) for p in page(post_list, n, keys)
        ]
        assert shown == expected


def test_a_notice_expiring_leaves_the_count_without_any_save(
    spread, make_post, now, time_machine
):
    post_list = PostList(language="en")
    make_post(
        kind=Kind.NOTICE,
        published_at=now - timedelta(days=20),
        expires_at=now + timedelta(minutes=5),
    )
    assert page_keys(post_list).count == 91
    time_machine.move_to(now + timedelta(minutes=5), tick=False)
    assert page_keys(post_list).count == 90


def test_a_year_archive_counts_expired_notices_the_default_list_does_not(
    now, make_post
):
    make_post(kind=Kind.NOTICE, expires_at=now - timedelta(minutes=1))
    make_post()
    assert page_keys(PostList(language="en")).count == 1
    assert page_keys(PostList(language="en", year=now.year)).count == 2
    assert page_keys(PostList(language="en", with_expired=True)).count == 2


def test_an_empty_list_has_one_empty_page(db):
    keys = page_keys(PostList(language="en"))
    assert (keys.count, keys.num_pages) == (0, 1)
    assert page(PostList(language="en"), 1, keys) == []


@pytest.mark.django_db(transaction=True)
def test_readers_arriving_together_count_a_list_once(make_post, now, monkeypatch):
    for n in range(3 * PAGE_SIZE):
        make_post(published_at=now - timedelta(hours=n))
    counted = []
    real = pageindex.count_in_full

    def counting(*args, **kwargs):
        counted.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(pageindex, "count_in_full", counting)
    state = content_state()
    start = threading.Barrier(6)
    results = []

    def read() -> None:
        start.wait()
        try:
            results.append(page_keys(PostList(language="en"), state).count)
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [3 * PAGE_SIZE] * 6
    assert len(counted) == 1


def restart() -> None:
    """What a new server process has: no page index in memory or in its cache."""
    pageindex.forget_page_indexes()
    cache.clear()


@pytest.fixture
def full_counts(monkeypatch) -> list[str]:
    """The lists counted in full from here on (by their cache key)."""
    counted: list[str] = []
    real = pageindex.count_in_full

    def counting(post_list, *args, **kwargs):
        counted.append(post_list.cache_key())
        return real(post_list, *args, **kwargs)

    monkeypatch.setattr(pageindex, "count_in_full", counting)
    return counted


def shown_in_pages(post_list: PostList) -> list[Post]:
    keys = page_keys(post_list)
    return [p for n in range(1, keys.num_pages + 1) for p in page(post_list, n, keys)]


def test_a_restarted_server_recounts_only_the_days_changed_since(
    spread, make_post, now, full_counts
):
    post_list = PostList(language="en")
    assert page_keys(post_list).count == 90
    assert full_counts == ["en:-:-:-:-"]
    withdrawn = spread[3]
    withdrawn.status = Status.WITHDRAWN
    withdrawn.save()
    make_post(published_at=now - timedelta(days=7))
    restart()
    with CaptureQueriesContext(connection) as queries:
        keys = page_keys(post_list)
    assert full_counts == ["en:-:-:-:-"]
    assert keys.count == 90
    assert all('"published_at" >=' in sql for sql in counting_queries(queries))
    assert shown_in_pages(post_list) == list(post_list.queryset())


def test_publications_and_expiries_while_no_server_ran_are_counted(
    spread, make_post, now, time_machine, full_counts
):
    post_list = PostList(language="en")
    make_post(
        kind=Kind.NOTICE,
        published_at=now - timedelta(days=20),
        expires_at=now + timedelta(hours=1),
    )
    make_post(published_at=now + timedelta(hours=2))
    assert page_keys(post_list).count == 91
    restart()
    time_machine.move_to(now + timedelta(hours=3), tick=False)
    assert page_keys(post_list).count == 91  # one expired, one went live
    assert full_counts == ["en:-:-:-:-"]
    assert shown_in_pages(post_list) == list(post_list.queryset())


def test_counts_kept_by_another_release_or_unreadable_are_counted_again(
    spread, full_counts
):
    post_list = PostList(language="en")
    page_keys(post_list)
    StoredPageIndex.objects.update(code="an older release")
    restart()
    assert page_keys(post_list).count == 90
    StoredPageIndex.objects.update(counts=b"\x01\x00")
    restart()
    assert page_keys(post_list).count == 90
    assert len(full_counts) == 3
    # The last full count replaced what could not be read.
    restart()
    page_keys(post_list)
    assert len(full_counts) == 3


def test_kept_counts_are_not_used_under_another_time_zone(make_post, now):
    # A year list starts at 1 January in the site's zone.
    start = datetime(2024, 12, 31, 12, tzinfo=UTC)
    for n in range(30):
        make_post(published_at=start + timedelta(hours=n))
    with override_settings(TIME_ZONE="UTC"):
        assert page_keys(PostList(language="en", year=2024)).count == 12
    restart()
    with override_settings(TIME_ZONE="Pacific/Auckland"):
        in_auckland = PostList(language="en", year=2024)
        assert page_keys(in_auckland).count == in_auckland.queryset().count() == 0


def _rename_the_site() -> None:
    from bulletin.identity.models import IdentityText

    IdentityText.objects.update_or_create(language="en", defaults={"name": "Renamed"})


def _link_a_page_from_the_footer() -> None:
    import uuid

    from bulletin.pages.models import Page

    Page.objects.create(translation_group=uuid.uuid4(), in_footer=True, position=3)


@pytest.mark.parametrize(
    "change",
    [_rename_the_site, _link_a_page_from_the_footer],
    ids=["the site's name", "the footer's pages"],
)
def test_a_change_that_moves_no_post_counts_no_day_again(spread, now, change):
    """Every page shows them, so the content version goes up, but no post moves
    between a list's pages: counting the lists in full after it (as a change of any
    day did) cost seconds per list at 1,000,000 posts."""
    post_list = PostList(language="en")
    before = page_keys(post_list)
    version = content_state().version
    change()
    assert content_state().version > version
    with CaptureQueriesContext(connection) as queries:
        index = page_keys(post_list)
    assert counting_queries(queries.captured_queries) == []
    assert index.by_day == before.by_day
