"""The sitemap: every public post in every language, and the lists that lead to them.

Served as a sitemap index from the start (Django's `sitemaps.views.index`), so a site
that passes 50,000 posts simply gets more pages in the index. Pages are ranges of post
ids rather than counted offsets: the index reads the first and last public id, and a
page reads its own id range through the primary key, so neither counts nor skips rows
whatever the size of the site.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property, lru_cache
from types import SimpleNamespace
from urllib.parse import quote

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max, OuterRef, QuerySet, Subquery
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


class IdRangePaginator:
    """What Django's sitemap views ask of a paginator, by ranges of `limit` ids.

    The ranges run from the table's first id to its last, public or not: the ends of
    the primary key are two seeks, while the first and last *public* ids made SQLite
    walk the whole publication-time index (seconds at 100,000 posts, on the first view
    after every change). A range with no public post in it is an empty page; it only
    happens where a whole run of `limit` consecutive ids was deleted or left
    unpublished.
    """

    def __init__(self, items: QuerySet, limit: int) -> None:
        self.items, self.limit = items, limit

    @cached_property
    def bounds(self) -> tuple[int, int] | None:
        if not self.items.exists():
            return None
        ids = Post.objects.values_list("id", flat=True)
        return ids.order_by("id").first(), ids.order_by("-id").first()

    @property
    def num_pages(self) -> int:
        if self.bounds is None:
            return 1
        first, last = self.bounds
        return (last - first) // self.limit + 1

    def page(self, number) -> SimpleNamespace:
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger("Not a page number") from error
        if not 1 <= number <= self.num_pages:
            raise EmptyPage("No such page")
        if self.bounds is None:
            return SimpleNamespace(object_list=self.items.none(), number=1)
        start = self.bounds[0] + (number - 1) * self.limit
        posts = self.items.filter(id__gte=start, id__lt=start + self.limit)
        return SimpleNamespace(object_list=posts, number=number)


NOTES_WALKED = 100
NOTE_STEPS = 5


def newest_public_note(public: QuerySet) -> datetime | None:
    """When the newest change note of a public post was written.

    Walks the notes newest first (an index on their time), NOTES_WALKED at a time,
    asking which of their posts are public, instead of gathering the notes of every
    public post. Notes are written on published posts, so the first step nearly
    always finds one; past a few steps the exact (slower) question is asked.
    """
    notes = ChangeNote.objects.order_by("-noted_at", "-id").values_list(
        "noted_at", "post_id"
    )
    for step in range(NOTE_STEPS):
        newest = list(notes[step * NOTES_WALKED : (step + 1) * NOTES_WALKED])
        shown = set(
            public.filter(id__in={post for _, post in newest}).values_list(
                "id", flat=True
            )
        )
        found = next((noted for noted, post in newest if post in shown), None)
        if found is not None or len(newest) < NOTES_WALKED:
            return found
    return ChangeNote.objects.filter(post__in=public).aggregate(t=Max("noted_at"))["t"]


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

    @cached_property
    def paginator(self) -> IdRangePaginator:
        return IdRangePaginator(self.items(), self.limit)

    def get_latest_lastmod(self) -> datetime | None:
        """The newest publication, update or change note: index seeks, no scan."""
        public = Post.objects.public().order_by()
        times = [
            public.aggregate(t=Max("published_at"))["t"],
            public.aggregate(t=Max("updated_at"))["t"],
            newest_public_note(public),
        ]
        return max((t for t in times if t is not None), default=None)

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
        languages = [code for code, _ in settings.LANGUAGES]
        # One seek of the kind list index per language and listed kind, not a
        # grouping of every public post (the organisation's pages are in no list).
        public = Post.objects.public()
        self._latest = {}
        for lang in languages:
            for kind in KIND_SEGMENTS:
                self._latest[(lang, kind)] = (
                    public.filter(language=lang, kind=kind)
                    .order_by("-published_at")
                    .values_list("published_at", flat=True)
                    .first()
                )
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
            if at is not None and lang == language and (kind is None or k == kind)
        ]
        return max(times) if times else None


class TranslatedPostSitemap(TranslationAlternates, PostSitemap):
    """Posts, each naming its public translations as hreflang alternates."""


SITEMAPS = {"posts": TranslatedPostSitemap, "lists": ListSitemap}
