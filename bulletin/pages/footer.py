"""The footer's links to the organisation's pages, per language."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from bulletin.pages.models import Page
from bulletin.posts.models import Post
from bulletin.posts.state import content_state

TIMEOUT = 3600


def footer_links(language: str, version: int | None = None) -> list[dict]:
    """Title and address of each public page in `language` linked from the footer,
    kept in the cache under the content version (any publication changes it)."""
    version = content_state().version if version is None else version
    key = f"pages:footer:{version}:{language}"
    found = cache.get(key)
    if found is None:
        pages = Page.objects.filter(translation_group=OuterRef("translation_group"))
        rows = (
            Post.objects.public_pages()
            .filter(language=language)
            .annotate(
                position=Subquery(pages.values("position")[:1]),
                in_footer=Subquery(pages.values("in_footer")[:1]),
            )
            .filter(in_footer=True)
            .order_by("position", "id")
            .values_list("title", "slug")
        )
        found = [
            {"title": title, "url": reverse("pages:page", kwargs={"slug": slug})}
            for title, slug in rows
        ]
        cache.set(key, found, TIMEOUT)
    return found
