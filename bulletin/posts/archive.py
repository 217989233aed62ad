"""Counts of public posts per year, for the archive page."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import ExtractYear

from bulletin.posts.models import Post
from bulletin.posts.state import content_state


def year_counts(language: str) -> list[tuple[int, int]]:
    """(year, number of public posts) newest year first, cached per content state."""
    key = f"years:{content_state().token}:{language}"
    counts = cache.get(key)
    if counts is None:
        rows = (
            Post.objects.public()
            .filter(language=language)
            .annotate(year=ExtractYear("published_at"))
            .values("year")
            .annotate(n=Count("id"))
            .order_by("-year")
        )
        counts = [(row["year"], row["n"]) for row in rows]
        cache.set(key, counts, timeout=24 * 3600)
    return counts
