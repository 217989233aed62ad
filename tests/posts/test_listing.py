"""List order, pages and Prev/Next agree, ties included, at any depth."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bulletin.posts.listing import (
    PAGE_SIZE,
    TIES_READ,
    PostList,
    neighbours,
    page,
    page_keys,
    page_of,
)
from bulletin.posts.models import Kind, Post, Status
from bulletin.posts.state import bump_content_version

pytestmark = pytest.mark.django_db


def walk(post_list, start, step):
    seen, post = [], start
    while post is not None:
        seen.append(post)
        newer, older = neighbours(post_list, post)
        post = older if step == "next" else newer
    return seen


@pytest.fixture
def many_posts(now, make_post):
    """45 posts, with runs of equal publication times to exercise tie-breaking."""
    posts = []
    for n in range(45):
        at = now - timedelta(hours=n // 3)  # three posts share each time
        posts.append(
            make_post(published_at=at, kind=Kind.NOTICE if n % 4 == 0 else Kind.NEWS)
        )
    return posts


def expected_order(posts):
    return sorted(posts, key=lambda p: (p.published_at, p.pk), reverse=True)


def test_pages_hold_the_list_in_order_without_gaps_or_repeats(many_posts):
    post_list = PostList(language="en")
    keys = page_keys(post_list)
    assert keys.count == 45
    assert keys.num_pages == 3
    shown = [p for n in range(1, 4) for p in page(post_list, n, keys)]
    assert shown == expected_order(many_posts)
    assert len(page(post_list, 3, keys)) == 45 - 2 * PAGE_SIZE


def test_walking_next_from_the_newest_visits_every_post_once_in_order(many_posts):
    post_list = PostList(language="en")
    order = expected_order(many_posts)
    assert walk(post_list, order[0], "next") == order
    assert walk(post_list, order[-1], "prev") == list(reversed(order))


def test_a_filtered_walk_stays_in_the_filtered_list(many_posts):
    notices = PostList(language="en", kind=Kind.NOTICE)
    order = expected_order([p for p in many_posts if p.kind == Kind.NOTICE])
    assert walk(notices, order[0], "next") == order


def test_a_topic_walk_stays_in_the_topic(now, make_post, make_topic):
    water, health = make_topic("Water"), make_topic("Health")
    in_water = [
        make_post(published_at=now - timedelta(hours=n), topics=[water])
        for n in range(5)
    ]
    make_post(published_at=now - timedelta(minutes=30), topics=[health])
    post_list = PostList(language="en", topic=water)
    assert walk(post_list, in_water[0], "next") == in_water


def test_page_of_finds_the_page_holding_a_post(many_posts):
    post_list = PostList(language="en")
    keys = page_keys(post_list)
    order = expected_order(many_posts)
    for index, post in enumerate(order):
        assert page_of(post_list, post, keys) == index // PAGE_SIZE + 1


def test_page_keys_follow_a_new_post_at_once(many_posts, make_post, now):
    post_list = PostList(language="en")
    assert page_keys(post_list).count == 45
    newest = make_post(published_at=now)
    keys = page_keys(post_list)
    assert keys.count == 46
    assert page(post_list, 1, keys)[0] == newest


def test_page_keys_follow_a_scheduled_post_going_live(
    many_posts, make_post, now, time_machine
):
    post_list = PostList(language="en")
    scheduled = make_post(published_at=now + timedelta(minutes=5))
    assert page_keys(post_list).count == 45
    time_machine.move_to(now + timedelta(minutes=5), tick=False)
    keys = page_keys(post_list)
    assert keys.count == 46
    assert page(post_list, 1, keys)[0] == scheduled


def test_the_year_archive_keeps_expired_notices(now, make_post):
    expired = make_post(kind=Kind.NOTICE, expires_at=now - timedelta(days=1))
    assert not PostList(language="en").contains(expired)
    assert PostList(language="en", year=now.year).contains(expired)


def test_lists_hold_one_language(now, make_post):
    english = make_post(language="en")
    make_post(language="fr")
    assert list(PostList(language="en").queryset()) == [english]


def test_a_deep_page_reads_only_its_own_rows(
    now, make_post, django_assert_max_num_queries
):
    for n in range(60):
        make_post(published_at=now - timedelta(minutes=n))
    post_list = PostList(language="en")
    keys = page_keys(post_list)
    with django_assert_max_num_queries(1):
        rows = page(post_list, 3, keys)
    assert len(rows) == 20


def test_the_hot_list_queries_give_the_database_one_upper_time_bound(now, make_post):
    # Given the page's day (`published_at < …`) and the visibility rule's `<= now`
    # together, SQLite with a seeded site's statistics started its walk at now and
    # read every newer row: 20 ms a deep page at 100,000 posts, 0.04 ms from the
    # page's own day (docs/performance.md). The same for a post's page number, its
    # neighbours and a year's list, whose end is a bound too.
    posts = [make_post(published_at=now - timedelta(days=n)) for n in range(45)]
    post_list = PostList(language="en")
    keys = page_keys(post_list)
    year = PostList(language="en", year=posts[-1].published_at.year)
    year_keys = page_keys(year)
    with CaptureQueriesContext(connection) as queries:
        assert page(post_list, 2, keys)[0] == posts[PAGE_SIZE]
        assert page_of(post_list, posts[-1], keys) == 3
        assert neighbours(post_list, posts[30]) == (posts[29], posts[31])
        assert page(year, 1, year_keys)[-1].published_at.year == year.year
    asked = [q["sql"] for q in queries.captured_queries if "posts_post" in q["sql"]]
    assert asked
    for sql in asked:
        assert len(re.findall(r'"published_at" <', sql)) == 1, sql


def test_a_past_years_list_ends_at_its_new_year_in_the_sites_time_zone(now, make_post):
    # The year's end is part of the one upper bound a year's pages give the database
    # (`PostList.latest`); a post of the next year, even by half an hour of Seoul time,
    # must stay out of every page, page number and neighbour of the year.
    new_year = datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Seoul"))
    last_year = [
        make_post(published_at=new_year - timedelta(minutes=30 + 60 * n))
        for n in range(PAGE_SIZE + 5)
    ]
    make_post(published_at=new_year + timedelta(minutes=30), title="Next year")
    make_post(published_at=new_year, title="At midnight")
    with timezone.override(ZoneInfo("Asia/Seoul")):
        year = PostList(language="en", year=2025)
        keys = page_keys(year)
        shown = page(year, 1, keys) + page(year, 2, keys)
        assert shown == last_year
        assert neighbours(year, last_year[0]) == (None, last_year[1])
        assert page_of(year, last_year[-1], keys) == 2


def test_a_walk_through_more_ties_than_one_read_holds(now, make_post):
    # A bulk import publishes many posts at the very same time.
    at = now - timedelta(hours=2)
    posts = [make_post(published_at=now - timedelta(hours=1))]
    posts += [make_post(published_at=at) for _ in range(3 * TIES_READ)]
    posts += [make_post(published_at=now - timedelta(hours=3))]
    post_list = PostList(language="en")
    order = expected_order(posts)
    assert walk(post_list, order[0], "next") == order
    assert walk(post_list, order[-1], "prev") == list(reversed(order))


def test_a_neighbour_costs_one_query_each_way(many_posts, django_assert_num_queries):
    post = expected_order(many_posts)[10]
    with django_assert_num_queries(2) as queries:
        neighbours(PostList(language="en"), post)
    # The post, its neighbour and one more: every row read is a model built.
    assert all("LIMIT 3" in query["sql"] for query in queries.captured_queries)


def test_holds_says_what_the_list_query_says(now, make_post, make_topic):
    """The post page decides membership from the post in hand; the rule is the
    list's own query, for every kind of list."""
    water = make_topic("Water")
    posts = [
        make_post(kind=Kind.NOTICE, topics=[water]),
        make_post(kind=Kind.NOTICE, expires_at=now - timedelta(days=1)),
        make_post(kind=Kind.EVENT, published_at=now.replace(year=now.year - 1)),
        make_post(
            kind=Kind.NEWS,
            topics=[water],
            published_at=now.replace(month=1, day=1, hour=0, minute=30),
        ),
        make_post(kind=Kind.PAGE),
        make_post(language="fr"),
    ]
    lists = [
        PostList(language="en"),
        PostList(language="en", kind=Kind.NOTICE),
        PostList(language="en", kind=Kind.EVENT),
        PostList(language="en", topic=water),
        PostList(language="en", year=now.year),
        PostList(language="en", year=now.year - 1),
        PostList(language="en", kind=Kind.NOTICE, topic=water, year=now.year),
        PostList(language="fr"),
    ]
    for post_list in lists:
        for post in posts:
            topics = list(post.topics.all())
            assert post_list.holds(post, topics) == post_list.contains(post), (
                post_list,
                post.title,
            )


def test_post_addresses_are_those_reverse_gives(make_post, make_topic):
    # A topic slug may spell anything a post slug can, the placeholder included.
    tricky = make_topic("The post slug", slug="the-post-slug")
    posts = [make_post(slug="the-post-slug"), make_post(slug="물-공급-안내")]
    for post_list in (
        PostList(language="en"),
        PostList(language="en", kind=Kind.NOTICE, topic=tricky, year=2026),
    ):
        for post in posts:
            assert post_list.post_url(post) == reverse(
                "public:post", kwargs={**post_list._segments(), "slug": post.slug}
            )


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="counts SQLite's own steps; PostgreSQL plans"
)
def test_finding_the_page_of_an_old_post_reads_only_its_day(now):
    # SQLite walks the list index from the first upper bound it is given: the page
    # count of a post must start at the end of the post's day, not at today.
    Post.objects.bulk_create(
        Post(title=f"Post {n}", slug=f"post-{n}", status=Status.PUBLISHED,
             published_at=now - timedelta(hours=n), kind=Kind.NEWS)
        for n in range(600)
    )  # fmt: skip
    with transaction.atomic():
        bump_content_version()
    post_list = PostList(language="en")
    keys = page_keys(post_list)
    order = list(post_list.queryset())

    def steps_to_find(post) -> int:
        steps = [0]

        def count() -> int:
            steps[0] += 1
            return 0

        connection.ensure_connection()
        connection.connection.set_progress_handler(count, 50)
        try:
            assert page_of(post_list, post, keys) == order.index(post) // PAGE_SIZE + 1
        finally:
            connection.connection.set_progress_handler(None, 50)
        return steps[0]

    recent, old = steps_to_find(order[10]), steps_to_find(order[590])
    assert old < 2 * recent + 20
