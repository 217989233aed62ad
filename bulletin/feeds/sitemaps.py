"""The sitemap: every public post in every language, and the lists that lead to them.

Served as a sitemap index from the start (Django's `sitemaps.views.index`), so a site
that passes 50,000 posts simply gets more pages in the index.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import translation

from bulletin.i18n.sitemaps import TranslationAlternates
from bulletin.posts.listing import KIND_SEGMENTS
from bulletin.posts.models import ChangeNote, Post


@lru_cache(maxsize=64)
def _post_path_pattern(language: str) -> str:
    with translation.override(language):
        return reverse("public:post", kwargs={"slug": "SLUG"}).replace("SLUG", "{slug}")


def post_path(language: str, slug: str) -> str:
    """`content.post_path` without a URL reversal per post: thousands per page."""
    return _post_path_pattern(language).format(slug=quote(slug, safe="-_~"))


class PostSitemap(Sitemap):
    changefreq = "weekly"
    # Well under the protocol's 50,000: Django renders a page of 5,000 in well under
    # a second, and the index lists as many pages as needed.
    limit = 5000

    def items(self):
        last_note = ChangeNote.objects.filter(post=OuterRef("pk")).order_by("-noted_at")
        return (
            Post.objects.public()
            .only("id", "slug", "language", "published_at", "updated_at")
            .annotate(last_note=Subquery(last_note.values("noted_at")[:1]))
            .order_by("id")
        )

    def location(self, item: Post) -> str:
        return post_path(item.language, item.slug)

    def lastmod(self, item: Post) -> datetime:
        times = (item.published_at, item.updated_at, item.last_note)
        return max(t for t in times if t is not None)


class ListSitemap(Sitemap):
    """The front list and the list of each kind, in each language."""

    changefreq = "daily"
    priority = 0.6

    def items(self) -> list[tuple[str, str | None]]:
        self._latest = {
            (row["language"], row["kind"]): row["latest"]
            for row in Post.objects.public()
            .order_by()
            .values("language", "kind")
            .annotate(latest=Max("published_at"))
        }
        languages = [code for code, _ in settings.LANGUAGES]
        return [(lang, kind) for lang in languages for kind in (None, *KIND_SEGMENTS)]

    def location(self, item: tuple[str, str | None]) -> str:
        language, kind = item
        with translation.override(language):
            kwargs = {"kind": KIND_SEGMENTS[kind]} if kind else {}
            return reverse("public:list", kwargs=kwargs)

    def lastmod(self, item: tuple[str, str | None]) -> datetime | None:
        language, kind = item
        times = [
            at
            for (lang, k), at in self._latest.items()
            if lang == language and (kind is None or k == kind)
        ]
        return max(times) if times else None


class TranslatedPostSitemap(TranslationAlternates, PostSitemap):
    """Posts, each naming its public translations as hreflang alternates."""


SITEMAPS = {"posts": TranslatedPostSitemap, "lists": ListSitemap}
