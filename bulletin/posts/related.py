"""A post's own rows a post page shows: its topics, change notes and attachments.

Each is one small query by the post's id, asked on every uncached post page; they are
prepared shapes (`bulletin.posts.prepared`), so Django builds their SQL once per
process. The rows are those of the post's related managers, in their order.
"""

from __future__ import annotations

from bulletin.posts import prepared
from bulletin.posts.attachments import Attachment
from bulletin.posts.models import ChangeNote, Post, Topic


def topics_of(post: Post) -> list[Topic]:
    return prepared.rows(("topics of",), lambda pk: Post(pk=pk).topics.all(), post.pk)


def change_notes_of(post: Post) -> list[ChangeNote]:
    return prepared.rows(
        ("change notes of",), lambda pk: Post(pk=pk).change_notes.all(), post.pk
    )


def attachments_of(post: Post) -> list[Attachment]:
    return prepared.rows(
        ("attachments of",), lambda pk: Post(pk=pk).attachments.all(), post.pk
    )
