"""Page metadata: feed links, canonical URL, schema.org JSON-LD, Open Graph and Twitter."""

from __future__ import annotations

import json
from datetime import timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.urls import reverse

from bulletin.posts.models import Kind

pytestmark = pytest.mark.django_db


def head_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def json_ld(head: BeautifulSoup) -> dict[str, dict]:
    blocks = [
        json.loads(s.string) for s in head.select('script[type="application/ld+json"]')
    ]
    return {block["@type"]: block for block in blocks}


def meta(head: BeautifulSoup, key: str) -> str:
    tag = head.find("meta", attrs={"property": key}) or head.find(
        "meta", attrs={"name": key}
    )
    assert tag is not None, key
    return tag["content"]


@pytest.mark.parametrize(
    "url_name", ["public:list", "public:archive", "public:topics"], ids=lambda n: n
)
def test_every_page_links_its_feeds_and_they_answer(client, now, make_post, url_name):
    make_post()
    head = head_of(client, reverse(url_name))
    links = head.select('link[rel="alternate"][type]')
    types = {link["type"] for link in links}
    assert {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
    } <= types
    for link in links:
        response = client.get(link["href"])
        assert response.status_code == 200, link["href"]
        if "xml" in link["type"]:
            assert feedparser.parse(response.content).bozo == 0


def test_a_topic_list_links_its_own_feeds_and_the_site_feeds(client, now, make_topic):
    water = make_topic("Water")
    head = head_of(
        client, reverse("public:list", kwargs={"kind": "events", "topic": water.slug})
    )
    hrefs = {link["href"] for link in head.select('link[rel="alternate"]')}
    assert reverse("feeds:feed", kwargs={"fmt": "atom"}) in hrefs
    assert (
        reverse(
            "feeds:feed", kwargs={"fmt": "atom", "kind": "events", "topic": water.slug}
        )
        in hrefs
    )
    assert reverse("feeds:calendar", kwargs={"topic": water.slug}) in hrefs


def test_news_page_has_canonical_news_article_breadcrumbs_and_cards(
    client, now, make_post
):
    post = make_post(title="Budget approved", summary="The council voted.")
    head = head_of(
        client, reverse("public:post", kwargs={"kind": "news", "slug": post.slug})
    )
    canonical = head.select('link[rel="canonical"]')
    url = f"http://testserver/en/posts/{post.slug}/"
    assert [link["href"] for link in canonical] == [url]
    data = json_ld(head)
    article = data["NewsArticle"]
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == "Budget approved"
    assert article["url"] == url
    assert article["datePublished"] == post.published_at.isoformat()
    assert article["publisher"]["@type"] == "Organization"
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert crumbs[1]["item"] == "http://testserver/en/news/"
    assert crumbs[2]["item"] == url
    assert meta(head, "og:type") == "article"
    assert meta(head, "og:title") == "Budget approved"
    assert meta(head, "og:description") == "The council voted."
    assert meta(head, "og:url") == url
    assert meta(head, "twitter:card") == "summary_large_image"
    image = meta(head, "og:image")
    assert image.startswith("http://testserver/static/")
    assert meta(head, "twitter:image") == image
    assert finders.find(image.removeprefix("http://testserver/static/"))


def test_the_posts_own_image_is_preferred(client, now, make_post):
    post = make_post(body='<p><img src="/media/photo.jpg" alt="Dam"></p>')
    head = head_of(client, reverse("public:post", kwargs={"slug": post.slug}))
    assert meta(head, "og:image") == "http://testserver/media/photo.jpg"


def test_event_page_describes_an_event_in_its_own_time_zone(client, now, make_post):
    post = make_post(
        kind=Kind.EVENT,
        title="Roundtable",
        event_start=now + timedelta(days=3),
        event_end=now + timedelta(days=3, hours=2),
        event_timezone="Europe/Paris",
        event_location="Town hall",
        event_online_url="https://meet.example.org/x",
    )
    head = head_of(client, reverse("public:post", kwargs={"slug": post.slug}))
    event = json_ld(head)["Event"]
    assert event["name"] == "Roundtable"
    assert event["startDate"] == "2026-06-18T14:00:00+02:00"
    assert event["endDate"] == "2026-06-18T16:00:00+02:00"
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {place["@type"] for place in event["location"]} == {
        "Place",
        "VirtualLocation",
    }
    assert event["organizer"]["@type"] == "Organization"


def test_list_page_has_canonical_and_organization(client, now, make_post):
    make_post()
    head = head_of(client, reverse("public:list", kwargs={"kind": "notices"}))
    assert (
        head.select_one('link[rel="canonical"]')["href"]
        == "http://testserver/en/notices/"
    )
    data = json_ld(head)
    assert data["Organization"]["url"] == "http://testserver/en/"
    assert (
        data["BreadcrumbList"]["itemListElement"][-1]["item"]
        == "http://testserver/en/notices/"
    )
    assert meta(head, "og:type") == "website"
    assert meta(head, "og:image:width") == "1200"


def test_hostile_title_cannot_break_out_of_json_ld(client, now, make_post):
    title = 'Fish & chips </script><script>alert("x")</script> ]]> 😀'
    post = make_post(title=title, summary="<!-- hidden -->")
    response = client.get(reverse("public:post", kwargs={"slug": post.slug}))
    assert "<script>alert(" not in response.content.decode()
    soup = BeautifulSoup(response.content, "html.parser")
    article = json_ld(soup.head)["NewsArticle"]
    assert article["headline"] == title
    assert meta(soup.head, "og:title") == title
