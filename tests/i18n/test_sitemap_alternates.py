"""The sitemap names each post's translations as xhtml:link alternates."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.contrib.sitemaps import views as sitemap_views
from django.test import RequestFactory

from bulletin.feeds.sitemaps import PostSitemap
from bulletin.i18n.sitemaps import TranslationAlternates
from bulletin.i18n.translations import public_url

pytestmark = pytest.mark.django_db
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


class TranslatedPostSitemap(TranslationAlternates, PostSitemap):
    pass


def alternates_by_loc(django_assert_max_num_queries) -> dict:
    request = RequestFactory().get("/sitemap-posts.xml")
    with django_assert_max_num_queries(6):
        response = sitemap_views.sitemap(request, {"posts": TranslatedPostSitemap})
        response.render()
    root = ET.fromstring(response.content)  # noqa: S314  (our own output)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_every_version_lists_all_public_versions_and_x_default(
    translated, make_post, django_assert_max_num_queries
):
    original, french, _arabic_draft = translated()
    chinese = make_post(
        language="zh-hans", translation_group=original.translation_group
    )
    alone = make_post(language="en")
    found = alternates_by_loc(django_assert_max_num_queries)
    site = "http://testserver"
    expected = {
        "en": site + public_url(original),
        "fr": site + public_url(french),
        "zh-Hans": site + public_url(chinese),
        "x-default": site + public_url(original),
    }
    assert found[site + public_url(original)] == expected
    assert found[site + public_url(french)] == expected
    assert found[site + public_url(alone)] == {}
    # The draft is neither a <url> nor an alternate.
    assert not any("/ar/" in loc for loc in found)


def test_queries_do_not_grow_with_the_number_of_posts(
    make_post, now, django_assert_max_num_queries
):
    for _ in range(30):
        english = make_post(language="en")
        make_post(language="ko", translation_group=english.translation_group)
    assert len(alternates_by_loc(django_assert_max_num_queries)) == 60
