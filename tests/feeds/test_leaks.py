"""Nothing unpublished leaks through any channel: feeds, calendars, sitemap, head tags."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from bulletin.posts.models import Kind, Status

pytestmark = pytest.mark.django_db

SECRET = "SECRET-"


@pytest.fixture
def hidden(now, make_post, make_topic, make_attachment):
    """One public post, and one of every kind of post the public must not see."""
    topic = make_topic("Shared")
    event_fields = {
        "kind": Kind.EVENT,
        "event_start": now + timedelta(days=5),
        "event_timezone": "Europe/Paris",
    }
    unseen = [
        make_post(title=f"{SECRET}draft", status=Status.DRAFT, published_at=None),
        make_post(title=f"{SECRET}review", status=Status.IN_REVIEW, published_at=None),
        make_post(title=f"{SECRET}scheduled", published_at=now + timedelta(days=1)),
        make_post(
            title=f"{SECRET}scheduled event",
            published_at=now + timedelta(days=1),
            **event_fields,
        ),
    ]
    # A withdrawn event keeps its title and time in calendars (as cancelled); its
    # summary, body and files never appear.
    withdrawn = make_post(
        title="Withdrawn open day",
        summary=f"{SECRET}summary",
        body=f"<p>{SECRET}body</p>",
        status=Status.WITHDRAWN,
        withdrawn_at=now,
        **event_fields,
    )
    unseen.append(withdrawn)
    for post in unseen:
        post.topics.set([topic])
        make_attachment(post, title=f"{SECRET}file", filename=f"secret-{post.pk}.pdf")
    public = make_post(title="Public post", topics=[topic])
    return {"topic": topic, "unseen": unseen, "public": public}


def channel_urls(topic) -> list[str]:
    urls = []
    for fmt in ("rss", "atom", "json"):
        urls.append(reverse("feeds:feed", kwargs={"fmt": fmt}))
        urls.append(reverse("feeds:feed", kwargs={"fmt": fmt, "kind": "events"}))
        urls.append(reverse("feeds:feed", kwargs={"fmt": fmt, "topic": topic.slug}))
    urls += [
        reverse("feeds:calendar"),
        reverse("feeds:calendar", kwargs={"topic": topic.slug}),
        reverse("sitemaps:index"),
        reverse("sitemaps:section", args=["posts"]),
        reverse("sitemaps:section", args=["lists"]),
        reverse("public:list"),
        reverse("public:list", kwargs={"topic": topic.slug}),
    ]
    return urls


def test_no_channel_shows_anything_unpublished(client, hidden):
    for url in channel_urls(hidden["topic"]):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert SECRET not in text, url
        assert "secret-" not in text, url
        for post in hidden["unseen"]:
            assert f"/posts/{post.slug}/" not in text, (url, post.title)


def test_public_post_is_in_the_channels(client, hidden):
    public = hidden["public"]
    for url in channel_urls(hidden["topic"]):
        if "calendar" in url or "events" in url or url.endswith("sitemap.xml"):
            continue
        if "sitemap-lists" in url:
            continue
        assert public.slug in client.get(url).content.decode(), url


def test_no_event_file_for_an_unpublished_event(client, hidden):
    for post in hidden["unseen"]:
        url = reverse("feeds:event_ics", kwargs={"slug": post.slug})
        assert client.get(url).status_code == 404, post.title


def test_post_page_head_of_a_withdrawn_post_says_nothing_of_it(client, hidden):
    withdrawn = hidden["unseen"][-1]
    response = client.get(reverse("public:post", kwargs={"slug": withdrawn.slug}))
    assert response.status_code in (404, 410)
    assert SECRET not in response.content.decode()
    text = response.content.decode()
    # Only that the event is cancelled: title and time, as calendars keep it.
    assert "NewsArticle" not in text
    if '"Event"' in text:
        assert "https://schema.org/EventCancelled" in text
        assert "EventScheduled" not in text and '"location"' not in text
