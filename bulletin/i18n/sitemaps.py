"""hreflang alternates in the sitemap: each post's <url> names its public translations.

For the post sitemap (bulletin/feeds/sitemaps.py) as a mixin:

    class PostSitemap(TranslationAlternates, Sitemap): ...

Django's sitemap template already writes `url.alternates` as <xhtml:link> elements.
Two queries per sitemap page, whatever its size.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from bulletin.i18n.translations import language_order
from bulletin.posts.models import Post


@lru_cache(maxsize=64)
def _post_path_pattern(language: str) -> str:
    with translation.override(language):
        return reverse("public:post", kwargs={"slug": "SLUG"}).replace("SLUG", "{slug}")


def _hreflang(code: str) -> str:
    return translation.to_locale(code).replace("_", "-")


def add_alternates(urls: list[dict]) -> list[dict]:
    """Give each url_info whose item (a Post) has public translations its alternates.

    Every version of a group lists all versions, itself included, and an x-default
    (the default language's version, else the first offered language's).
    """
    ids = [info["item"].pk for info in urls]
    group_of = dict(
        Post.objects.filter(pk__in=ids).values_list("pk", "translation_group")
    )
    members = defaultdict(list)
    rows = (
        Post.objects.public()
        .filter(
            translation_group__in=set(group_of.values()),
            language__in=dict(settings.LANGUAGES),
        )
        .values_list("translation_group", "language", "slug")
    )
    for group, language, slug in rows:
        members[group].append((language, slug))
    for info in urls:
        versions = sorted(
            members.get(group_of.get(info["item"].pk), []),
            key=lambda v: language_order(v[0]),
        )
        if len(versions) < 2:
            continue
        origin = urlsplit(info["location"])
        base = f"{origin.scheme}://{origin.netloc}"
        alternates = [
            {
                "lang_code": _hreflang(language),
                "location": base
                + _post_path_pattern(language).format(slug=quote(slug, safe="-_~")),
            }
            for language, slug in versions
        ]
        by_code = {
            language: alt
            for (language, _), alt in zip(versions, alternates, strict=True)
        }
        default = by_code.get(settings.LANGUAGE_CODE, alternates[0])
        alternates.append({"lang_code": "x-default", "location": default["location"]})
        info["alternates"] = alternates
    return urls


class TranslationAlternates:
    """Sitemap mixin: posts list their translations as <xhtml:link rel="alternate">."""

    def get_urls(self, page=1, site=None, protocol=None):
        return add_alternates(super().get_urls(page=page, site=site, protocol=protocol))
