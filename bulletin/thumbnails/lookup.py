"""Find the thumbnail that stands for a post: its first image attachment's."""

from __future__ import annotations

from collections.abc import Iterable

from bulletin.posts.models import Post
from bulletin.thumbnails.models import Size, Thumbnail


def thumbnails_for(
    posts: Iterable[Post], size: str = Size.LIST
) -> dict[int, Thumbnail]:
    """Each post's first thumbnail of this size, by post id, in one query (for lists)."""
    ids = [post.pk for post in posts]
    found: dict[int, Thumbnail] = {}
    rows = (
        Thumbnail.objects.filter(attachment__post_id__in=ids, size=size)
        .select_related("attachment")
        .order_by("attachment__position", "attachment_id")
    )
    for thumbnail in rows:
        found.setdefault(thumbnail.attachment.post_id, thumbnail)
    return found


def card_for(post: Post) -> Thumbnail | None:
    """The social-card image of a post (1200×630 at most), or None."""
    return thumbnails_for([post], Size.CARD).get(post.pk)
