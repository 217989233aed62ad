"""Nothing unpublished leaks through the API: drafts, scheduled, withdrawn, their files."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bulletin.posts.models import Status
from tests.api.conftest import ids, post_url, posts_url, topics_url

pytestmark = pytest.mark.django_db

SECRET = "SECRET-UNPUBLISHED-TEXT"


@pytest.fixture
def hidden(now, make_post, make_topic, make_attachment):
    """One post in every state the public must not see, each with a file."""
    topic = make_topic("Water")
    common = {"body": f"<p>{SECRET}</p>", "summary": SECRET, "topics": [topic]}
    posts = {
        "draft": make_post(status=Status.DRAFT, published_at=None, **common),
        "in_review": make_post(status=Status.IN_REVIEW, published_at=None, **common),
        "scheduled": make_post(published_at=now + timedelta(minutes=1), **common),
        "withdrawn": make_post(
            status=Status.WITHDRAWN,
            published_at=now - timedelta(days=1),
            withdrawn_at=now - timedelta(hours=1),
            **common,
        ),
    }
    for post in posts.values():
        make_attachment(post, title=SECRET, filename="secret.pdf")
    return posts


@pytest.fixture
def visible(make_post, make_topic, make_attachment, hidden):
    post = make_post(title="Public one", topics=[hidden["draft"].topics.get()])
    make_attachment(post)
    return post


@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "withdrawn"])
def test_an_unpublished_post_answers_404(client, hidden, state):
    response = client.get(post_url(hidden[state].pk))
    assert response.status_code == 404
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"topic": "water"},
        {"kind": "news"},
        {"language": "en"},
        {"updated_since": "2000-01-01T00:00:00Z"},
        {"limit": 100},
    ],
)
def test_lists_hold_only_public_posts(client, hidden, visible, params):
    response = client.get(posts_url(), params)
    assert ids([response.json()]) == [visible.pk]
    assert SECRET not in response.content.decode()


def test_topic_counts_and_topics_show_nothing_unpublished(client, hidden, visible):
    response = client.get(topics_url())
    assert [t["post_count"] for t in response.json()["results"]] == [1]
    assert SECRET not in response.content.decode()


def test_attachments_of_unpublished_posts_are_not_served(client, hidden, visible):
    listed = client.get(post_url(visible.pk)).json()["attachments"]
    assert [a["title"] for a in listed] == ["Report"]
    for post in hidden.values():
        item = post.attachments.get()
        assert client.get(item.get_absolute_url()).status_code == 404


def test_a_scheduled_post_appears_when_its_time_comes(
    client, now, hidden, visible, time_machine
):
    assert hidden["scheduled"].pk not in ids([client.get(posts_url()).json()])
    time_machine.move_to(now + timedelta(minutes=1), tick=False)
    assert client.get(post_url(hidden["scheduled"].pk)).status_code == 200
    assert hidden["scheduled"].pk in ids([client.get(posts_url()).json()])


def test_a_withdrawn_post_leaves_at_once(client, visible):
    assert client.get(post_url(visible.pk)).status_code == 200
    visible.status = Status.WITHDRAWN
    visible.save()
    assert client.get(post_url(visible.pk)).status_code == 404
    assert ids([client.get(posts_url()).json()]) == []
