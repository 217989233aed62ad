"""Writing posts as lines of the interchange format."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any, TextIO

from bulletin.posts.interchange.topics import names_of
from bulletin.posts.models import Post


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def attachment_to_dict(item) -> dict[str, Any]:
    with item.file.open("rb") as handle:
        data = handle.read()
    return {
        "title": item.title,
        "filename": item.filename,
        "content_type": item.content_type,
        "data_base64": base64.b64encode(data).decode("ascii"),
    }


def post_to_dict(post: Post) -> dict[str, Any]:
    event = None
    if post.is_event:
        event = {
            "start": iso(post.event_start),
            "end": iso(post.event_end),
            "timezone": post.event_timezone or None,
            "location": post.event_location or None,
            "online_url": post.event_online_url or None,
        }
    topics = list(post.topics.all())
    line = {
        # Every post has a permanent id (see docs/interchange.md, "Ids").
        "id": post.external_id,
        "kind": post.kind,
        "title": post.title,
        "slug": post.slug,
        "summary": post.summary,
        "body_html": post.body,
        "language": post.language,
        "translation_group": str(post.translation_group),
        "status": post.status,
        "published_at": iso(post.published_at),
        "created_at": iso(post.created_at),
        "updated_at": iso(post.updated_at),
        "topics": [topic.name for topic in topics],
        "pinned_until": iso(post.pinned_until),
        "expires_at": iso(post.expires_at),
        "event": event,
        "attachments": [attachment_to_dict(item) for item in post.attachments.all()],
        "author": post.author.get_username() if post.author else None,
        "withdrawn_at": iso(post.withdrawn_at),
        "withdrawal_note": post.withdrawal_note,
        "change_notes": [
            {"date": iso(note.noted_at), "note": note.note}
            for note in post.change_notes.all()
        ],
    }
    if names := names_of(topics):
        line["topic_names"] = names
    return line


def dump(stream: TextIO) -> int:
    posts = (
        Post.objects.order_by("id")
        .select_related("author")
        .prefetch_related("topics", "attachments", "change_notes")
    )
    count = 0
    for post in posts.iterator(chunk_size=500):
        stream.write(json.dumps(post_to_dict(post), ensure_ascii=False) + "\n")
        count += 1
    return count
