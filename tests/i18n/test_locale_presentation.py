"""Right-to-left layout for Arabic, and dates, times and numbers in the reader's locale."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.utils import translation

from bulletin.i18n.translations import public_url
from tests.i18n.conftest import soup_of

pytestmark = pytest.mark.django_db


def test_arabic_pages_are_right_to_left(client):
    soup = soup_of(client.get("/ar/"))
    assert soup.html["dir"] == "rtl"
    assert soup.html["lang"] == "ar"


@pytest.mark.parametrize("code", ["en", "fr", "zh-hans", "ko"])
def test_other_pages_are_left_to_right(client, code):
    assert soup_of(client.get(f"/{code}/")).html["dir"] == "ltr"


def test_a_post_in_another_script_keeps_its_own_language_and_direction(
    client, make_post, now
):
    english = make_post(language="en", title="Roundtable")
    arabic = make_post(
        language="ar",
        title="مائدة مستديرة",
        translation_group=english.translation_group,
    )
    soup = soup_of(client.get(public_url(english)))
    link = soup.select_one('aside.post-translations a[hreflang="ar"]')
    assert link["lang"] == "ar"
    assert arabic.title in link.text


PHYSICAL = re.compile(
    r"(?<![-\w])(margin|padding|border)-(left|right)\b"
    r"|(?<![-\w])(left|right)\s*:"
    r"|\b(float|clear|text-align)\s*:\s*(left|right)\b"
)


@pytest.mark.parametrize("path", ["public/site.css", "public/print.css"])
def test_style_sheets_use_logical_properties_only(path):
    """Physical left/right would not mirror for right-to-left readers."""
    with open(finders.find(path), encoding="utf-8") as handle:
        css = handle.read()
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert PHYSICAL.findall(css) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "15 June 2026"),
        ("fr", "15 juin 2026"),
        ("es", "15 de junio de 2026"),
        ("ru", "15 июня 2026"),
        ("ko", "2026년 6월 15일"),
        ("zh-hans", "2026年6月15日"),
    ],
)
def test_publication_dates_are_written_the_locale_s_way(
    client, make_post, now, code, expected
):
    post = make_post(
        language=code, published_at=datetime(2026, 6, 15, 9, 0, tzinfo=UTC)
    )
    time = soup_of(client.get(public_url(post))).select_one("article .post-meta time")
    assert expected in time.text
    assert time["datetime"].startswith("2026-06-15T09:00")


def test_event_times_name_their_zone_in_every_locale(client, make_post, now):
    english = make_post(
        language="en",
        kind="event",
        event_start=datetime(2026, 7, 2, 12, 0, tzinfo=UTC),
        event_end=datetime(2026, 7, 2, 14, 0, tzinfo=UTC),
        event_timezone="Europe/Paris",
    )
    french = make_post(
        language="fr",
        kind="event",
        translation_group=english.translation_group,
        event_start=english.event_start,
        event_end=english.event_end,
        event_timezone="Europe/Paris",
    )
    korean = make_post(
        language="ko",
        kind="event",
        translation_group=english.translation_group,
        event_start=english.event_start,
        event_end=english.event_end,
        event_timezone="Asia/Seoul",
    )
    fr_text = (
        soup_of(client.get(public_url(french))).select_one(".event-details dd").text
    )
    assert fr_text == "2 juillet 2026, 14:00–16:00 (Europe/Paris, UTC+02:00)"
    ko_text = (
        soup_of(client.get(public_url(korean))).select_one(".event-details dd").text
    )
    assert "2026년 7월 2일" in ko_text
    assert "오후 9:00" in ko_text  # Korean writes the afternoon, not 21:00
    assert "(Asia/Seoul, UTC+09:00)" in ko_text


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "1,234,567"),
        ("fr", "1\xa0234\xa0567"),
        ("ru", "1\xa0234\xa0567"),
        ("ko", "1,234,567"),
    ],
)
def test_numbers_are_grouped_the_locale_s_way(code, expected):
    with translation.override(code), pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "USE_THOUSAND_SEPARATOR", True)
        text = Template("{% load l10n %}{{ n|localize }}").render(
            Context({"n": 1234567})
        )
    assert text == expected
