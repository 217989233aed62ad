"""Cursor pagination: stable while posts are added, refusing forged cursors, bounded."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest

from bulletin.api.cursors import Cursor
from bulletin.posts.models import Post
from tests.api.conftest import ids, posts_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def thirty(now, make_post) -> list[Post]:
    """30 posts, newest first, with runs of identical publication times."""
    posts = [
        make_post(published_at=now - timedelta(hours=1 + n // 3)) for n in range(30)
    ]
    return sorted(posts, key=lambda p: (p.published_at, p.pk), reverse=True)


def test_following_next_visits_every_post_once_in_order(walk, thirty):
    pages = walk({"limit": 7})
    assert [len(page["results"]) for page in pages] == [7, 7, 7, 7, 2]
    assert ids(pages) == [p.pk for p in thirty]
    assert pages[-1]["next"] is None


def test_posts_published_while_paging_do_not_shift_the_rest(
    client, now, make_post, thirty
):
    first = client.get(posts_url(), {"limit": 10}).json()
    # New posts arrive at the top of the list, and one at a time equal to a seen
    # post's, between the pages.
    for n in range(5):
        make_post(published_at=now - timedelta(minutes=n))
    make_post(published_at=thirty[0].published_at)
    seen = ids([first])
    page = first
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += ids([page])
    assert seen == [p.pk for p in thirty]


def test_updated_since_pages_by_change_time_and_a_sync_sees_later_edits(
    client, now, make_post, time_machine
):
    posts = [
        make_post(
            published_at=now - timedelta(days=3),
            updated_at=now - timedelta(hours=10 - n),
        )
        for n in range(6)
    ]
    params = {"updated_since": (now - timedelta(days=1)).isoformat(), "limit": 4}
    first = client.get(posts_url(), params).json()
    assert ids([first]) == [p.pk for p in posts[:4]]
    # The oldest seen post is edited between pages: it comes again at the end.
    posts[0].updated_at = now
    posts[0].save()
    second = client.get(first["next"]).json()
    assert ids([second]) == [posts[4].pk, posts[5].pk, posts[0].pk]
    assert second["next"] is None


def test_next_keeps_the_filters(client, now, make_post, make_topic):
    water = make_topic("Water")
    wanted = [make_post(topics=[water], kind="notice") for _ in range(5)]
    for _ in range(5):
        make_post(kind="notice")
    first = client.get(posts_url(), {"topic": "water", "limit": 3}).json()
    second = client.get(first["next"]).json()
    assert sorted(ids([first, second])) == sorted(p.pk for p in wanted)


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "",
        base64.urlsafe_b64encode(
            b'["published","2026-01-01T00:00:00+00:00",1]'
        ).decode(),
    ],
)
def test_a_made_up_cursor_is_refused_with_400(client, thirty, cursor):
    if not cursor:
        # An empty cursor means "from the start".
        assert client.get(posts_url(), {"cursor": cursor}).status_code == 200
        return
    response = client.get(posts_url(), {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


def test_a_tampered_cursor_is_refused_with_400(client, thirty):
    token = client.get(posts_url(), {"limit": 5}).json()["next_cursor"]
    value, _, signature = token.rpartition(":")
    forged = (
        value.replace(value[-3], "A" if value[-3] != "A" else "B") + ":" + signature
    )
    response = client.get(posts_url(), {"cursor": forged})
    assert response.status_code == 400


def test_a_cursor_from_the_other_ordering_is_refused(client, thirty, now):
    token = client.get(posts_url(), {"limit": 5}).json()["next_cursor"]
    response = client.get(
        posts_url(), {"cursor": token, "updated_since": "2020-01-01T00:00:00Z"}
    )
    assert response.status_code == 400
    assert "ordered by published time" in response.json()["detail"]


def test_a_valid_signed_cursor_past_the_end_gives_an_empty_page(client, thirty):
    token = Cursor(order="published", at=thirty[-1].published_at, pk=0).encode()
    data = client.get(posts_url(), {"cursor": token}).json()
    assert data == {"results": [], "next": None, "next_cursor": None}


@pytest.mark.parametrize("limit", ["0", "101", "-1", "ten", "1.5", "9" * 30])
def test_page_size_outside_1_to_100_is_refused(client, thirty, limit):
    response = client.get(posts_url(), {"limit": limit})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "limit"


def test_default_page_is_20_and_100_is_allowed(client, now, make_post):
    for n in range(101):
        make_post(published_at=now - timedelta(minutes=n + 1))
    assert len(client.get(posts_url()).json()["results"]) == 20
    full = client.get(posts_url(), {"limit": 100}).json()
    assert len(full["results"]) == 100
    assert full["next"]


@pytest.mark.parametrize("limit", [1, 100])
def test_queries_do_not_grow_with_the_page_size(
    client,
    now,
    make_post,
    make_topic,
    make_attachment,
    limit,
    django_assert_max_num_queries,
):
    topics = [make_topic() for _ in range(3)]
    for n in range(100):
        post = make_post(published_at=now - timedelta(minutes=n + 1), topics=topics)
        make_attachment(post)
        post.change_notes.create(note="Updated")
    # Content state (4 when cold), the topic, the posts, and one query each for their
    # topics, attachments and change notes: 9 whatever the page size.
    with django_assert_max_num_queries(9):
        response = client.get(posts_url(), {"limit": limit, "topic": topics[0].slug})
    assert len(response.json()["results"]) == limit
