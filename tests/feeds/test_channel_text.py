"""Plain text stays plain text on every channel; ids come from the site's address;
an event's online link reaches feeds and calendars. Read by the clients that found
the defects: feedparser, icalendar, lxml for JSON-LD."""

from __future__ import annotations

import json
from datetime import timedelta

import feedparser
import pytest
from django.test import override_settings
from django.urls import reverse
from icalendar import Calendar
from lxml import html as lxml_html

from bulletin.posts.models import Kind, Status

pytestmark = pytest.mark.django_db

SUMMARY = "Bring your <passport> & ID"


def get(client, url, host="testserver"):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, response.content[:300]
    return response


def feed_url(fmt: str) -> str:
    return reverse("feeds:feed", kwargs={"fmt": fmt})


@pytest.fixture
def event(now, make_post):
    return make_post(
        kind=Kind.EVENT, title="Open day", summary=SUMMARY,
        event_start=now + timedelta(days=3), event_timezone="Europe/Zurich",
        event_location="Town hall", event_online_url="https://meet.example.org/open",
    )  # fmt: skip


def test_atom_says_the_summary_is_text_and_a_reader_keeps_every_word(client, event):
    body = get(client, feed_url("atom")).content
    assert b'<summary type="text">' in body
    entry = feedparser.parse(body).entries[0]
    assert entry.summary == SUMMARY
    assert entry.summary_detail.type == "text/plain"


def test_rss_and_json_feed_carry_the_summary_as_text(client, event):
    rss = feedparser.parse(get(client, feed_url("rss")).content).entries[0]
    assert "Bring your &lt;passport&gt; &amp; ID" in rss.description
    item = get(client, feed_url("json")).json()["items"][0]
    assert item["summary"] == SUMMARY


def test_json_ld_and_open_graph_carry_the_summary_as_text(client, event):
    page = lxml_html.fromstring(get(client, event.get_absolute_url()).content)
    blocks = [
        json.loads(s.text) for s in page.xpath('//script[@type="application/ld+json"]')
    ]
    assert SUMMARY in [block.get("description") for block in blocks]
    (og,) = page.xpath('//meta[@property="og:description"]/@content')
    assert og == SUMMARY


def test_ids_do_not_follow_the_requests_host(client, event, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    atom = [feedparser.parse(get(client, feed_url("atom"), host).content).entries[0].id
            for host in ("127.0.0.1", "localhost")]  # fmt: skip
    ics = [
        Calendar.from_ical(get(client, reverse("feeds:calendar"), host).content).walk(
            "VEVENT"
        )[0]["UID"]
        for host in ("localhost", "127.0.0.1")
    ]
    assert atom[0] == atom[1] and ics[0] == ics[1]
    assert "127.0.0.1" in atom[0]  # the first request fixed the address


@override_settings(BULLETIN_SITE={"url": "https://news.example.org", "name": "News",
                                  "description": "d", "logo_text": "N", "footer": ""})  # fmt: skip
def test_a_configured_site_address_names_every_id(client, event):
    entry = feedparser.parse(get(client, feed_url("atom")).content).entries[0]
    assert entry.id.startswith("tag:news.example.org,")
    item = get(client, feed_url("json")).json()["items"][0]
    assert item["url"].startswith("https://news.example.org/")
    (vevent,) = Calendar.from_ical(get(client, reverse("feeds:calendar")).content).walk(
        "VEVENT"
    )
    assert str(vevent["UID"]).endswith("@news.example.org")
    page = lxml_html.fromstring(get(client, event.get_absolute_url()).content)
    (canonical,) = page.xpath('//link[@rel="canonical"]/@href')
    assert canonical.startswith("https://news.example.org/")


def test_the_online_link_is_in_the_calendar_for_every_client(client, event):
    (vevent,) = Calendar.from_ical(get(client, reverse("feeds:calendar")).content).walk(
        "VEVENT"
    )
    online = "https://meet.example.org/open"
    assert str(vevent["URL"]) == online
    assert online in str(vevent["LOCATION"]) and "Town hall" in str(vevent["LOCATION"])
    assert online in str(vevent["DESCRIPTION"])


def test_the_online_link_is_in_every_feed(client, event):
    online = "https://meet.example.org/open"
    atom = feedparser.parse(get(client, feed_url("atom")).content).entries[0]
    assert online in atom.content[0].value
    item = get(client, feed_url("json")).json()["items"][0]
    assert item["external_url"] == online and online in item["content_html"]


def test_a_withdrawn_event_page_says_the_event_is_cancelled(client, now, event):
    event.status, event.withdrawn_at = Status.WITHDRAWN, now
    event.save()
    response = client.get(event.get_absolute_url())
    page = lxml_html.fromstring(response.content)
    blocks = [
        json.loads(s.text) for s in page.xpath('//script[@type="application/ld+json"]')
    ]
    (cancelled,) = [b for b in blocks if b.get("@type") == "Event"]
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"


def test_robots_txt_keeps_crawlers_out_of_the_back_office(client, db):
    lines = get(client, "/robots.txt").content.decode().splitlines()
    for path in (
        "/admin/",
        reverse("editorial:dashboard"),
        reverse("staff_search:search"),
    ):
        assert f"Disallow: {path}" in lines
