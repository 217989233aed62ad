"""The first view of a page after a change costs about what an ordinary view does.

Every list a page shows (list page 1 shows the list and, in its filter form, the
year counts of every public post) is brought up to date from its previous counts.
What changed is asked once per content state, not once per list, and a day or two
of changes are counted as ranges of the list index, never by truncating each row's
time to its day. Counts stay exact under a controlled clock, whatever the order in
which lists are brought up to date.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bulletin.posts.listing import PostList, page, page_keys
from bulletin.posts.models import Kind, Status
from bulletin.posts.pageindex import count_in_full, forget_page_indexes
from bulletin.posts.state import content_state, forget_transitions, next_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(now, make_post):
    """Posts over 30 days, two notices that expire soon and one scheduled post."""
    made = [
        make_post(published_at=now - timedelta(days=n % 30, hours=n), title=f"P {n}")
        for n in range(60)
    ]
    made.append(
        make_post(
            kind=Kind.NOTICE,
            published_at=now - timedelta(days=4),
            expires_at=now + timedelta(hours=2),
        )
    )
    made.append(make_post(published_at=now + timedelta(hours=1)))
    return made


def sql_of(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries]


def exact(post_list: PostList) -> None:
    """The kept counts are those of a full count, and the pages show the whole list."""
    keys = page_keys(post_list)
    full = count_in_full(post_list, content_state(), keys.counted_at)
    assert keys.by_day == {day: n for day, n in full.by_day.items() if n}
    # Totals carried from the previous index, moved by the changed days only.
    assert (keys.count, keys.by_year) == (full.count, full.by_year)
    assert (keys.days, keys.before) == (full.days, full.before)
    shown = [p for n in range(1, keys.num_pages + 1) for p in page(post_list, n, keys)]
    assert shown == list(post_list.queryset())


def test_list_page_1_after_a_publication_asks_what_changed_once(
    client, posts, make_post, now
):
    assert client.get("/en/").status_code == 200
    make_post(published_at=now - timedelta(minutes=5))
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/").status_code == 200
    sql = sql_of(queries)
    # The default list and the year counts of the filter form both follow it...
    assert len([q for q in sql if "posts_changedday" in q]) == 1
    went_live_or_expired = [
        q for q in sql if '"expires_at" <=' in q and '"published_at" <=' in q
    ]
    assert len(went_live_or_expired) == 1
    # ...each by counting the one changed day as a range, in the database.
    counts = [q for q in sql if "COUNT(" in q.upper()]
    assert len(counts) == 2
    assert not [q for q in counts if "cast_date" in q or "::date" in q]
    # The next publication, expiry and end of a pin: one query.
    assert len([q for q in sql if "MIN(" in q.upper()]) == 1


def test_the_next_transition_is_one_query(posts, make_post, now):
    with CaptureQueriesContext(connection) as queries:
        found = next_transition(now)
    assert len(queries.captured_queries) == 1
    assert found == now + timedelta(hours=1)  # the scheduled post
    # The next expiry, and the end of a pin, when they come first; draft times never.
    make_post(status=Status.DRAFT, published_at=now + timedelta(minutes=1))
    make_post(kind=Kind.NOTICE, expires_at=now + timedelta(minutes=40))
    assert next_transition(now) == now + timedelta(minutes=40)
    make_post(kind=Kind.NOTICE, pinned_until=now + timedelta(minutes=20, seconds=1))
    assert next_transition(now) == now + timedelta(minutes=20, seconds=1)
    assert next_transition(now + timedelta(days=1)) is None


def test_counts_follow_publications_expiries_and_withdrawals(
    posts, make_post, now, time_machine
):
    default, everything = PostList(language="en"), PostList("en", with_expired=True)
    topical = PostList(language="en", kind=Kind.NOTICE)
    for post_list in (default, everything, topical):
        exact(post_list)
    # A publication, a withdrawal on another day, and time passing the scheduled
    # post (one hour) and then the notices' expiry (two hours).
    make_post(published_at=now - timedelta(days=2, hours=3))
    last_year = make_post(published_at=datetime(2025, 12, 31, 23, 30, tzinfo=UTC))
    posts[5].status = Status.WITHDRAWN
    posts[5].save()
    for post_list in (default, everything, topical):
        exact(post_list)
    last_year.published_at = datetime(2026, 1, 1, 0, 30, tzinfo=UTC)
    last_year.save()
    time_machine.move_to(now + timedelta(hours=1, minutes=1), tick=False)
    exact(everything)
    exact(default)
    time_machine.move_to(now + timedelta(hours=3), tick=False)
    exact(topical)
    exact(default)
    exact(everything)
    # 61 listed, + 2 new - 1 withdrawn + 1 gone live - 1 expired
    assert page_keys(default).count == 62
    assert page_keys(everything).by_year == [(2026, 63)]


@pytest.mark.parametrize("first", ["older base first", "newer base first"])
def test_lists_counted_at_other_moments_share_what_changed_exactly(
    posts, now, time_machine, first
):
    """One list last counted before the scheduled post went live, the other after:
    what changed since each is its own, even though it is asked once per state."""
    old, new = PostList(language="en"), PostList("en", with_expired=True)
    page_keys(old)
    time_machine.move_to(now + timedelta(hours=1, minutes=30), tick=False)
    page_keys(new)  # counts the scheduled post as live already
    time_machine.move_to(now + timedelta(hours=2, minutes=30), tick=False)  # expiry
    order = [old, new] if first == "older base first" else [new, old]
    for post_list in order:
        exact(post_list)
    assert page_keys(old).count == 61
    assert page_keys(new).count == 62


def test_a_change_of_several_days_is_counted_exactly_in_one_query(
    posts, make_post, now
):
    post_list = PostList(language="en")
    page_keys(post_list)
    for days in (1, 3, 9, 27):
        make_post(published_at=now - timedelta(days=days, minutes=7))
    posts[10].published_at = now - timedelta(days=12)
    posts[10].save()
    with CaptureQueriesContext(connection) as queries:
        keys = page_keys(post_list)
    assert len([q for q in sql_of(queries) if "COUNT(" in q.upper()]) == 1
    exact(post_list)
    assert keys.count == 65


def test_a_restarted_process_follows_changes_made_meanwhile(posts, make_post, now):
    post_list = PostList(language="en")
    page_keys(post_list)
    make_post(published_at=now - timedelta(days=6))
    forget_page_indexes()  # a new process: it starts from the stored counts
    forget_transitions()
    exact(post_list)
    assert page_keys(post_list).count == 62
