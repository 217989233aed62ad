"""Counts of public posts per year, for the archive page."""

from __future__ import annotations

from bulletin.posts.listing import PostList, page_keys


def year_counts(language: str) -> list[tuple[int, int]]:
    """(year, number of public posts) newest year first.

    Summed from the per-day counts of every public post (`pageindex.py`), which follow
    each change incrementally: no request counts the whole table.
    """
    return page_keys(PostList(language=language, with_expired=True)).by_year
