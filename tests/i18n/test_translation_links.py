"""A post page links its translations: hreflang alternates in <head>, visible links."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bulletin.i18n.translations import public_url, translations_of
from tests.i18n.conftest import soup_of

pytestmark = pytest.mark.django_db


def alternates(response) -> dict:
    links = soup_of(response).select('head link[rel="alternate"][hreflang]')
    return {link["hreflang"]: link["href"] for link in links}


def test_the_head_lists_every_public_version_itself_included_and_x_default(
    client, translated
):
    original, french, _arabic = translated()
    found = alternates(client.get(public_url(french)))
    assert found == {
        "en": "http://testserver" + public_url(original),
        "fr": "http://testserver" + public_url(french),
        "x-default": "http://testserver" + public_url(original),
    }


def test_x_default_falls_back_to_a_version_when_the_default_language_has_none(
    client, make_post, now
):
    french = make_post(language="fr")
    korean = make_post(language="ko", translation_group=french.translation_group)
    found = alternates(client.get(public_url(korean)))
    assert found["x-default"] == "http://testserver" + public_url(french)
    assert found["ko"] == "http://testserver" + public_url(korean)


def test_a_post_without_translations_has_no_alternates(client, make_post, now):
    post = make_post(language="en")
    assert alternates(client.get(public_url(post))) == {}


def test_chinese_is_spelled_as_bcp47_in_hreflang(client, make_post, now):
    english = make_post(language="en")
    chinese = make_post(language="zh-hans", translation_group=english.translation_group)
    found = alternates(client.get(public_url(english)))
    assert found["zh-Hans"] == "http://testserver" + public_url(chinese)


def test_the_page_shows_visible_links_to_its_translations(client, translated):
    original, french, _arabic = translated()
    soup = soup_of(client.get(public_url(original)))
    links = soup.select("main aside.post-translations a")
    assert [(a["hreflang"], a["href"]) for a in links] == [("fr", public_url(french))]
    assert french.title in links[0].get_text()


def test_drafts_scheduled_and_withdrawn_translations_are_never_linked(
    client, make_post, now, translated
):
    original, french, _arabic = translated()
    make_post(
        language="es",
        translation_group=original.translation_group,
        published_at=now.replace(year=2027),
    )
    make_post(
        language="ru", translation_group=original.translation_group, status="withdrawn"
    )
    assert translations_of(original) == [french]
    soup = soup_of(client.get(public_url(original)))
    hrefs = {a["href"] for a in soup.select("a[hreflang], link[hreflang]")}
    assert not any(
        "/es/posts/" in h or "/ru/posts/" in h or "/ar/posts/" in h for h in hrefs
    )


def test_list_pages_have_alternates_in_every_language(client):
    found = alternates(client.get("/fr/news/"))
    assert found["ko"] == "http://testserver/ko/news/"
    assert found["x-default"] == "http://testserver/en/news/"
    assert len(found) == 8


def test_the_translations_are_read_once_per_page(client, translated):
    original, _french, _arabic = translated()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(public_url(original))
    assert response.status_code == 200
    reads = [
        q["sql"]
        for q in captured.captured_queries
        if '"posts_post"."translation_group" = ' in q["sql"]
    ]
    assert len(reads) == 1
