"""What a post page reads: the public post at its address, its topics, change notes
and attachments.

Each is one small query by a slug or the post's id, asked on every uncached post page;
they are prepared shapes (`bulletin.posts.prepared`), so Django builds their SQL once
per process. The related rows are those of the post's related managers, in their order.
"""

from __future__ import annotations

from bulletin.posts import clock, prepared
from bulletin.posts.attachments import Attachment
from bulletin.posts.models import ChangeNote, Post, Topic


def public_post(language: str, slug: str) -> Post | None:
    """The public post at this address (slugs are unique per language)."""
    found = prepared.rows(
        ("public post by slug",),
        lambda language, slug, now: (
            Post.objects.public(now)
            .filter(language=language, slug=slug)
            .order_by("pk")[:1]
        ),
        *(language, slug, clock.now()),
    )
    return found[0] if found else None


def topics_of(post: Post) -> list[Topic]:
    """The post's topics, by name."""
    return prepared.rows(("topics of",), lambda pk: Post(pk=pk).topics.all(), post.pk)


def change_notes_of(post: Post) -> list[ChangeNote]:
    """The post's public notes of change, newest first."""
    return prepared.rows(
        ("change notes of",), lambda pk: Post(pk=pk).change_notes.all(), post.pk
    )


def attachments_of(post: Post) -> list[Attachment]:
    """The post's documents, in their order."""
    return prepared.rows(
        ("attachments of",), lambda pk: Post(pk=pk).attachments.all(), post.pk
    )
