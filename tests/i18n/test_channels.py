"""Feeds, search and the API respect the language, like the lists."""

from __future__ import annotations

from datetime import timedelta

import feedparser
import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from bulletin.i18n.translations import public_url
from tests.i18n.conftest import soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def water_in_three_languages(make_post, now):
    english = make_post(language="en", title="Water tariffs announced")
    french = make_post(
        language="fr",
        title="Tarifs de l'eau annoncés",
        body="<p>Water tariffs: le conseil annonce les tarifs.</p>",
        translation_group=english.translation_group,
    )
    korean = make_post(
        language="ko",
        title="수도 요금 발표",
        body="<p>Water tariffs: 수도 요금을 발표합니다.</p>",
        translation_group=english.translation_group,
    )
    return english, french, korean


def in_language(code: str, name: str, **kwargs) -> str:
    with translation.override(code):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_each_language_has_its_own_feed(client, water_in_three_languages, fmt):
    _english, french, korean = water_in_three_languages
    parsed = feedparser.parse(
        client.get(in_language("fr", "feeds:feed", fmt=fmt)).content
    )
    assert [entry.title for entry in parsed.entries] == [french.title]
    assert parsed.entries[0].link == "http://testserver" + public_url(french)
    parsed = feedparser.parse(
        client.get(in_language("ko", "feeds:feed", fmt=fmt)).content
    )
    assert [entry.title for entry in parsed.entries] == [korean.title]


def test_search_looks_in_the_language_of_the_page(client, water_in_three_languages):
    english, french, _korean = water_in_three_languages
    response = client.get(in_language("fr", "search:search"), {"q": "water tariffs"})
    assert response.status_code == 200
    hrefs = {a["href"] for a in soup_of(response).select("main a[href*='/posts/']")}
    assert public_url(french) in hrefs
    assert public_url(english) not in hrefs
    assert not any("/ko/" in href for href in hrefs)


def test_the_api_filters_by_language_and_links_each_post_in_its_own(
    client, water_in_three_languages
):
    *_others, korean = water_in_three_languages
    response = client.get("/api/v1/posts", {"language": "ko"})
    assert response.status_code == 200
    body = response.json()
    items = body.get("items", body.get("results", body))
    assert [item["title"] for item in items] == [korean.title]
    assert items[0]["language"] == "ko"


def test_each_language_has_its_own_event_calendar(client, make_post, now):
    english = make_post(
        language="en",
        kind="event",
        title="Roundtable",
        event_start=now + timedelta(days=3),
    )
    make_post(
        language="fr",
        kind="event",
        title="Table ronde",
        event_start=english.event_start,
        translation_group=english.translation_group,
    )
    response = client.get(in_language("fr", "feeds:calendar"))
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == [
        "Table ronde"
    ]
