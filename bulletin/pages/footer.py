"""The footer's links to the organisation's pages, per language."""

from __future__ import annotations

from django.core.cache import cache
from django.urls import reverse

from bulletin.pages.models import Page
from bulletin.posts import clock, prepared
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
        # this language), asked on the first view after every change: a correlated
        # subquery per row cost the ORM more to build than both take to run, and
        # both are prepared shapes (`bulletin.posts.prepared`).
        pages = prepared.rows(
            ("footer pages",),
            lambda: Page.objects.filter(in_footer=True).only(
                "translation_group", "position"
            ),
        )
        positions = {page.translation_group: page.position for page in pages}
        posts = (
            prepared.rows(
                ("footer posts", len(positions)),
                lambda language, now, *groups: (
                    Post.objects.public_pages(now)
                    .filter(language=language, translation_group__in=groups)
                    .only("title", "slug", "translation_group")
                ),
                *(language, clock.now(), *positions),
            )
            if positions
            else []
        )
        ordered = sorted(
            posts, key=lambda post: (positions[post.translation_group], post.pk)
        )
        found = [
            {
                "title": post.title,
                "url": reverse("pages:page", kwargs={"slug": post.slug}),
            }
            for post in ordered
        ]
        cache.set(key, found, TIMEOUT)
    return found
