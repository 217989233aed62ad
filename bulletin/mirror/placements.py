"""Prev, Next and the list page of every post, from one ordered walk of each list.

A post page asks the database for its neighbours and its page number, a few queries
each time. The mirror renders every post page of the full list, so it reads each
list once, in list order, and hands the answers to the page code
(`posts.listing.known_placements`): the same pages, without those queries.
"""

from __future__ import annotations

from django.db.models.functions import ExtractYear

from bulletin.posts.listing import Placement, PostList
from bulletin.posts.models import Post
from bulletin.posts.pageindex import PAGE_SIZE

Table = dict[tuple[str, int], Placement]


def list_placements(language: str) -> Table:
    """Each post of the full list, and each post only its year holds (an expired
    notice), placed in that list: the lists its own page is rendered in."""
    table: Table = {}
    full = PostList(language=language)
    in_full = _place(full, table, skip=set())
    years = (
        Post.objects.public()
        .filter(language=language)
        .order_by()
        .annotate(year=ExtractYear("published_at"))
        .values_list("year", flat=True)
        .distinct()
    )
    for year in sorted(years):
        _place(PostList(language=language, year=year), table, skip=in_full)
    return table


def _place(post_list: PostList, table: Table, skip: set[int]) -> set[int]:
    posts = list(post_list.queryset().only("id", "slug", "title", "language"))
    key = post_list.cache_key()
    for n, post in enumerate(posts):
        if post.pk in skip:
            continue  # its page is the full list's
        table[(key, post.pk)] = Placement(
            newer=posts[n - 1] if n else None,
            older=posts[n + 1] if n + 1 < len(posts) else None,
            page=n // PAGE_SIZE + 1,
        )
    return {post.pk for post in posts}
