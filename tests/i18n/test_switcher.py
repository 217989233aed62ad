"""The language switcher keeps the reader on the same post when a translation exists."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from bulletin.i18n.translations import public_url
from tests.i18n.conftest import soup_of
from tests.public.test_frame_fragments import rendered

pytestmark = pytest.mark.django_db


def switcher(response) -> dict:
    links = soup_of(response).select("header nav.language-switcher a[hreflang]")
    return {a["lang"]: a for a in links}


def url_in(code: str, name: str = "public:list", **kwargs) -> str:
    with translation.override(code):
        return reverse(name, kwargs=kwargs)


def test_every_offered_language_is_in_the_switcher_on_the_home_page(client):
    links = switcher(client.get(url_in("en")))
    assert set(links) == {"en", "fr", "es", "ar", "zh-Hans", "ru", "ko"}
    assert links["en"]["aria-current"] == "true"
    assert links["ar"].get_text(strip=True).startswith("العربية")


def test_on_a_post_the_switcher_leads_to_its_public_translation(client, translated):
    original, french, _arabic = translated()
    links = switcher(client.get(public_url(original)))
    assert links["fr"]["href"] == public_url(french)
    assert "language-switcher__home" not in links["fr"].get("class", [])


def test_without_a_translation_the_switcher_leads_home_and_says_so(client, translated):
    original, _french, _arabic = translated()
    links = switcher(client.get(public_url(original)))
    # The Arabic translation is a draft: never linked, and no English shown under /ar/.
    assert links["ar"]["href"] == url_in("ar")
    assert "language-switcher__home" in links["ar"]["class"]
    assert links["ar"].select_one(".visually-hidden")
    assert links["ko"]["href"] == url_in("ko")


def test_from_the_translation_the_switcher_leads_back_to_the_original(
    client, translated
):
    original, french, _arabic = translated()
    links = switcher(client.get(public_url(french)))
    assert links["en"]["href"] == public_url(original)
    assert links["fr"]["aria-current"] == "true"


def test_on_a_filtered_list_the_switcher_keeps_the_same_list(client, make_topic):
    topic = make_topic("Water")
    response = client.get(url_in("en", kind="news", topic=topic.slug) + "?page=1")
    links = switcher(response)
    assert links["ko"]["href"] == url_in("ko", kind="news", topic=topic.slug)


def test_the_page_number_is_dropped_another_language_has_other_pages(
    client, make_post, now
):
    for _ in range(25):
        make_post(language="en")
    links = switcher(client.get(url_in("en") + "?page=2"))
    assert links["es"]["href"] == url_in("es")


def test_the_archive_switches_to_the_archive(client):
    links = switcher(client.get(url_in("fr", "public:archive")))
    assert links["ru"]["href"] == url_in("ru", "public:archive")


def test_languages_the_site_does_not_offer_are_left_out(
    client, make_post, now, settings
):
    settings.LANGUAGES = [("en", "English"), ("fr", "Français")]
    english = make_post(language="en")
    make_post(language="ko", translation_group=english.translation_group)
    response = client.get(public_url(english))
    assert set(switcher(response)) == {"en", "fr"}
    assert not soup_of(response).select('link[hreflang="ko"], a[hreflang="ko"]')
    assert client.get("/ko/").status_code == 404


def test_under_a_script_prefix_the_list_keeps_its_switcher_and_alternates(make_post):
    # A site published under a path (https://example.org/news/) gets SCRIPT_NAME
    # from its server; its lists must still offer the same list in each language.
    make_post()
    page = rendered("/en/notices/", SCRIPT_NAME="/news")
    assert not page.select("form.language-switcher--form")
    links = {
        a["lang"]: a["href"]
        for a in page.select("header nav.language-switcher a[hreflang]")
    }
    assert links["en"] == "/news/en/notices/"
    assert links["fr"] == "/news/fr/notices/"
    alternates = {
        link["hreflang"]: link["href"]
        for link in page.select('link[rel="alternate"][hreflang]')
    }
    assert alternates["fr"] == "http://testserver/news/fr/notices/"
    assert alternates["x-default"] == "http://testserver/news/en/notices/"
