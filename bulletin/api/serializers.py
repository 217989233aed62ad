"""Posts and topics as the API shows them, as plain dicts checked by `schemas`."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from bulletin.posts import siteaddress
from bulletin.posts.models import Post, Topic


def absolute(request: HttpRequest, path: str) -> str:
    return siteaddress.site_url(request) + path


def post_data(request: HttpRequest, post: Post) -> dict[str, Any]:
    """A public post; the caller has checked it is public and prefetched its parts."""
    # Site addresses carry the post's own language, not the request's.
    with translation.override(post.language):
        page = absolute(request, post.get_absolute_url())
        attachments = [
            {
                "id": item.pk,
                "title": item.title,
                "filename": item.filename,
                "content_type": item.content_type,
                "size": item.size,
                "url": absolute(request, item.get_absolute_url()),
            }
            for item in post.attachments.all()
        ]
    event = None
    if post.is_event:
        event = {
            "start": post.event_start,
            "end": post.event_end,
            "timezone": post.event_zone.key,
            "location": post.event_location,
            "online_url": post.event_online_url,
        }
    return {
        "id": post.pk,
        "url": page,
        "kind": post.kind,
        "language": post.language,
        "translation_group": post.translation_group,
        "title": post.title,
        "slug": post.slug,
        "summary": post.summary,
        "body": post.body,
        "published_at": post.published_at,
        "updated_at": post.changed_at,
        "expires_at": post.expires_at,
        "pinned_until": post.pinned_until,
        "event": event,
        "topics": [
            {
                "id": topic.pk,
                "slug": topic.slug,
                "name": topic.name_in(post.language),
            }
            for topic in post.topics.all()
        ],
        "attachments": attachments,
        "change_notes": [
            {"noted_at": note.noted_at, "note": note.note}
            for note in post.change_notes.all()
        ],
    }


def topic_data(request: HttpRequest, topic: Topic) -> dict[str, Any]:
    """A topic; the caller has annotated `post_count` (public posts only)."""
    # The answer must not depend on the reader's Accept-Language, or a shared cache
    # would hand one reader's variant to another: link the site's default language.
    with translation.override(settings.LANGUAGE_CODE):
        site_list = absolute(
            request, reverse("public:list", kwargs={"topic": topic.slug})
        )
    return {
        "id": topic.pk,
        "slug": topic.slug,
        "name": topic.name,
        "names": {code: topic.name_in(code) for code, _label in settings.LANGUAGES},
        "description": topic.description,
        "post_count": topic.post_count,
        "url": site_list,
        "posts": absolute(
            request, f"{reverse('api:posts')}?{urlencode({'topic': topic.slug})}"
        ),
    }
