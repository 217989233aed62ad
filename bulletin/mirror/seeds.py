"""The addresses a mirror starts from: every list page, post, feed and calendar.

Everything else (documents, images, static files, sitemap pages) is found by following
the links of these pages, so nothing a page links to is left out.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import translation

from bulletin.feeds.sitemaps import post_path
from bulletin.posts.listing import PostList, page_keys
from bulletin.posts.models import Kind, Post, Topic
from bulletin.redirects.models import Reason, Redirect

MIRROR_SCRIPT = "mirror/mirror.js"
FEED_FORMATS = ("rss", "atom", "json")


def seed_urls() -> Iterator[str]:
    """Site paths (with a query for page numbers) in the order they are exported."""
    yield "/"
    yield reverse("sitemaps:index")
    yield reverse("sitemaps:robots")
    yield staticfiles_storage.url(MIRROR_SCRIPT)
    topics = list(Topic.objects.order_by("slug"))
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            yield from _language_urls(language, topics)
    # A renamed post's old address answers with a page that sends readers on, so
    # links and bookmarks made before the change still work on the static host.
    renamed = Redirect.objects.filter(
        reason=Reason.RENAMED, post__in=Post.objects.public()
    )
    for path in renamed.values_list("old_path", flat=True).iterator(chunk_size=2000):
        # Kept without the slash (see redirects.addresses.normalise); pages have one.
        yield path if "?" in path or path.endswith("/") else path + "/"


def _language_urls(language: str, topics: list[Topic]) -> Iterator[str]:
    yield reverse("public:archive")
    yield reverse("public:topics")
    yield reverse("search:search")
    yield reverse("feeds:calendar")
    for fmt in FEED_FORMATS:
        yield reverse("feeds:feed", kwargs={"fmt": fmt})
    by_pk = {topic.pk: topic for topic in topics}
    for kind, topic_pk, year in sorted(_lists(language), key=str):
        topic = by_pk.get(topic_pk)
        posts_list = PostList(language=language, kind=kind, topic=topic, year=year)
        for number in range(1, page_keys(posts_list).num_pages + 1):
            yield posts_list.url(number)
    posts = Post.objects.public().filter(language=language).order_by("-published_at")
    for slug, kind in posts.values_list("slug", "kind").iterator(chunk_size=2000):
        yield post_path(language, slug)
        if kind == Kind.EVENT:
            yield reverse("feeds:event_ics", kwargs={"slug": slug})


def _lists(language: str) -> set[tuple[str | None, int | None, int | None]]:
    """Every list with one filter or none that has a post in it: the full list, each
    kind, each topic and each year (the year archive).

    Combinations of filters are not pages in the mirror: they would double its size
    for lists few readers open, and each of their posts is already on the full list's
    pages. The mirror's script answers the filter form for a combination from the
    search index instead (see mirror.js). A combination a page links to is still
    exported, as the exporter follows every link.
    """
    posts = Post.objects.public().filter(language=language).order_by()
    found: set[tuple[str | None, int | None, int | None]] = {(None, None, None)}
    found.update(
        (kind, None, None) for kind in posts.values_list("kind", flat=True).distinct()
    )
    found.update(
        (None, topic, None)
        for topic in posts.values_list("topics", flat=True).distinct()
        if topic is not None
    )
    years = posts.annotate(year=ExtractYear("published_at")).values_list(
        "year", flat=True
    )
    found.update((None, None, year) for year in years.distinct())
    return found
