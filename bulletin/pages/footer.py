"""The footer's links to the organisation's pages, per language."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from bulletin.pages.models import Page
from bulletin.posts.models import Post
from bulletin.posts.state import content_state

TIMEOUT = 3600


def footer_links(language: str, token: str | None = None) -> list[dict]:
    """Title and address of each public page in `language` linked from the footer,
    kept in the cache under the content state: a publication changes it, and so does
    the moment a scheduled page goes live, with nothing saved then."""
    token = content_state().token if token is None else token
    key = f"pages:footer:{token}:{language}"
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
