"""WebSub: feeds name the hub, and the site pings a hub of the test's own when a
list's feed changes; with no hub configured, neither happens."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import feedparser
import pytest

from bulletin.posts.models import Kind, Status
from bulletin.scheduling.worker import run_once

SITE = "https://news.example.org"


class Hub(ThreadingHTTPServer):
    """Answers 202 to every publish ping and keeps the topics it was told about."""

    def __init__(self) -> None:
        self.pings: list[dict[str, list[str]]] = []
        self.answer = 202
        super().__init__(("127.0.0.1", 0), HubHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hub"

    def topics(self) -> list[str]:
        return [url for ping in self.pings for url in ping.get("hub.url", [])]


class HubHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode())
        if self.server.answer < 300:
            self.server.pings.append(form)
        self.send_response(self.server.answer)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def hub(settings):
    server = Hub()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.BULLETIN_WEBSUB_HUB = server.url
    settings.BULLETIN_SITE = {**settings.BULLETIN_SITE, "url": SITE}
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.django_db
def test_every_feed_format_names_the_hub_and_itself(hub, client):
    atom = client.get("/en/notices/feed.atom")
    assert f'<{hub.url}>; rel="hub"' in atom["Link"]
    assert 'rel="self"' in atom["Link"]
    for fmt in ("atom", "rss"):
        parsed = feedparser.parse(client.get(f"/en/notices/feed.{fmt}").content)
        links = {link["rel"]: link["href"] for link in parsed.feed.links}
        assert links["hub"] == hub.url, fmt
        assert links["self"].endswith(f"/en/notices/feed.{fmt}")
    data = json.loads(client.get("/en/notices/feed.json").content)
    assert data["hubs"] == [{"type": "WebSub", "url": hub.url}]


@pytest.mark.django_db
def test_without_a_hub_feeds_name_none(client, settings):
    settings.BULLETIN_WEBSUB_HUB = ""
    response = client.get("/en/feed.atom")
    assert "Link" not in response
    assert not [
        link
        for link in feedparser.parse(response.content).feed.links
        if link["rel"] == "hub"
    ]


@pytest.mark.django_db(transaction=True)
def test_a_post_going_live_pings_the_hub_for_each_of_its_feeds(
    hub, make_post, make_topic, now, time_machine
):
    water = make_topic("Water", slug="water")
    make_post(kind=Kind.NOTICE, topics=[water], published_at=now + timedelta(hours=1))
    run_once()
    assert hub.pings == [], "a scheduled post changes no feed before its time"
    time_machine.move_to(now + timedelta(hours=1), tick=False)
    run_once()
    run_once()
    topics = set(hub.topics())
    for path in (
        "/en/feed.atom",
        "/en/notices/feed.rss",
        "/en/topics/water/feed.json",
        "/en/notices/topics/water/feed.atom",
    ):
        assert SITE + path in topics
    assert not [t for t in topics if "/news/" in t or "/fr/" in t]
    assert all(ping["hub.mode"] == ["publish"] for ping in hub.pings)


@pytest.mark.django_db(transaction=True)
def test_withdrawing_a_public_post_pings_and_a_draft_does_not(hub, make_post, now):
    draft = make_post(status=Status.DRAFT, published_at=None)
    post = make_post(kind=Kind.NEWS)
    run_once()
    hub.pings.clear()
    draft.title = "Still a draft"
    draft.save()
    run_once()
    assert hub.pings == [], "a draft is in no feed"
    post.status = Status.WITHDRAWN
    post.save()
    run_once()
    assert SITE + "/en/news/feed.atom" in hub.topics()


@pytest.mark.django_db(transaction=True)
def test_a_hub_that_fails_is_tried_again_later(hub, make_post, now, time_machine):
    hub.answer = 503
    make_post(kind=Kind.EVENT, published_at=now)
    run_once()
    run_once()
    assert hub.pings == []
    hub.answer = 202
    time_machine.move_to(now + timedelta(minutes=3), tick=False)
    run_once()
    assert SITE + "/en/events/feed.atom" in hub.topics()
