"""The footer's links to the organisation's pages, per language."""

from __future__ import annotations

from django.core.cache import cache
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
        # Two plain queries (the few footer pages' groups, then their public posts in
        # this language): a correlated subquery per row cost the ORM more to build
        # than both take to run, on the first view after every change.
        positions = dict(
            Page.objects.filter(in_footer=True).values_list(
                "translation_group", "position"
            )
        )
        rows = (
            Post.objects.public_pages()
            .filter(language=language, translation_group__in=list(positions))
            .values_list("title", "slug", "translation_group", "id")
        )
        ordered = sorted(rows, key=lambda row: (positions[row[2]], row[3]))
        found = [
            {"title": title, "url": reverse("pages:page", kwargs={"slug": slug})}
            for title, slug, _group, _id in ordered
        ]
        cache.set(key, found, TIMEOUT)
    return found
