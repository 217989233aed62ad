"""A topic is named in each language where it is shown: pages, filters, feeds,
calendars and the API in French say "Eau potable"; a language without its own name
says the site's ("Drinking water")."""

from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from bulletin.posts.models import Kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def water(make_topic):
    return make_topic("Drinking water", slug="water", names={"fr": "Eau potable"})


def in_language(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def page_of(post) -> str:
    with translation.override(post.language):
        return post.get_absolute_url()


def text_of(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_pages_and_filters_name_the_topic_in_their_language(
    client, now, make_post, water
):
    french = make_post(title="Coupure d'eau", language="fr", topics=[water])
    english = make_post(title="Water cut", language="en", topics=[water])

    page = BeautifulSoup(client.get(page_of(french)).content, "html.parser")
    assert page.find("a", string="Eau potable") is not None
    assert page.find("a", string="Drinking water") is None
    french_list = client.get(in_language("fr", "public:list"))
    options = BeautifulSoup(french_list.content, "html.parser").select(
        "select[name=topic] option"
    )
    assert "Eau potable" in [o.get_text(strip=True) for o in options]
    topic_list = client.get(in_language("fr", "public:list", topic="water"))
    heading = BeautifulSoup(topic_list.content, "html.parser").h1.get_text()
    assert "Eau potable" in heading
    assert "Eau potable" in text_of(client.get(in_language("fr", "public:topics")))

    # A language without a name of its own uses the site's.
    english_page = client.get(page_of(english))
    assert "Drinking water" in text_of(english_page)
    assert "Drinking water" in text_of(client.get(in_language("es", "public:topics")))


def test_feeds_and_calendars_name_the_topic_in_the_posts_language(
    client, now, make_post, water
):
    make_post(title="Coupure d'eau", language="fr", topics=[water])
    make_post(
        title="Réunion publique",
        language="fr",
        topics=[water],
        kind=Kind.EVENT,
        event_start=now + timedelta(days=3),
        event_end=now + timedelta(days=3, hours=2),
    )
    feed = feedparser.parse(
        client.get(in_language("fr", "feeds:feed", fmt="atom")).content
    )
    terms = {tag["term"] for entry in feed.entries for tag in entry.tags}
    assert "Eau potable" in terms and "Drinking water" not in terms

    calendar = Calendar.from_ical(
        client.get(in_language("fr", "feeds:calendar", topic="water")).content
    )
    assert "Eau potable" in calendar["X-WR-CALNAME"]
    (event,) = calendar.walk("VEVENT")
    assert "Eau potable" in event.get("CATEGORIES").to_ical().decode()


def test_the_api_names_a_posts_topics_in_its_language_and_lists_every_name(
    client, now, make_post, water
):
    post = make_post(title="Coupure d'eau", language="fr", topics=[water])
    data = client.get(reverse("api:post", kwargs={"post_id": post.pk})).json()
    assert data["topics"][0]["name"] == "Eau potable"
    (topic,) = client.get(reverse("api:topics")).json()["results"]
    assert topic["name"] == "Drinking water"
    assert topic["names"]["fr"] == "Eau potable"
    assert topic["names"]["es"] == "Drinking water"


def test_renaming_a_topic_in_a_language_shows_on_the_cached_page(
    client, now, make_post, water
):
    post = make_post(title="Coupure d'eau", language="fr", topics=[water])
    assert "Eau potable" in text_of(client.get(page_of(post)))
    water.names = {"fr": "Eau du robinet"}
    water.save()
    shown = text_of(client.get(page_of(post)))
    assert "Eau du robinet" in shown and "Eau potable" not in shown
