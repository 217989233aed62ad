"""What a page tells search engines and link previews: canonical URL, JSON-LD, Open Graph.

Built as plain dicts and written with json.dumps, escaped so no text can close the
<script> element it sits in.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from bulletin.feeds import content
from bulletin.posts.listing import KIND_SEGMENTS, PostList
from bulletin.posts.models import Kind, Post

DEFAULT_IMAGE = "feeds/default-share.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
_FIRST_IMAGE = re.compile(r'<img\b[^>]*\bsrc="([^"]+)"')
# Inside <script>, "<", ">" and "&" are written as JSON escapes: the text "</script>"
# in a title then cannot end the element.
_SCRIPT_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_ld(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_ESCAPES)


def organization(request: HttpRequest) -> dict:
    site = settings.BULLETIN_SITE
    return {
        "@type": "Organization",
        "name": site["name"],
        "url": content.absolute(request, reverse("public:list")),
        "logo": content.absolute(request, static(DEFAULT_IMAGE)),
    }


def post_image(request: HttpRequest, post: Post) -> str | None:
    """The first image of the post's body as an absolute address; None if it has none."""
    found = _FIRST_IMAGE.search(post.body or "")
    if not found:
        return None
    url = urljoin(
        content.absolute(request, content.post_path(post)), html.unescape(found[1])
    )
    return url if url.startswith(("http://", "https://")) else None


def share_image(request: HttpRequest, post: Post | None = None) -> tuple[str, bool]:
    """The image for link previews, and whether it is the site's default."""
    image = post_image(request, post) if post else None
    if image:
        return image, False
    return content.absolute(request, static(DEFAULT_IMAGE)), True


def breadcrumbs(request: HttpRequest, trail: list[tuple[str, str]]) -> dict:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": content.absolute(request, path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def _home(post_language: str) -> tuple[str, str]:
    with translation.override(post_language):
        return settings.BULLETIN_SITE["name"], reverse("public:list")


def _kind_list(post: Post) -> tuple[str, str]:
    with translation.override(post.language):
        path = reverse("public:list", kwargs={"kind": KIND_SEGMENTS[post.kind]})
        return str(Kind(post.kind).label), path


def _event(post: Post, base: dict, request: HttpRequest) -> dict:
    zone = post.event_zone
    data = {
        **base,
        "@type": "Event",
        "name": post.title,
        "startDate": post.event_start.astimezone(zone).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": organization(request),
    }
    if post.event_end:
        data["endDate"] = post.event_end.astimezone(zone).isoformat()
    places = []
    if post.event_location:
        places.append(
            {
                "@type": "Place",
                "name": post.event_location,
                "address": post.event_location,
            }
        )
    if post.event_online_url:
        places.append({"@type": "VirtualLocation", "url": post.event_online_url})
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    mode = {
        (True, False): "OfflineEventAttendanceMode",
        (False, True): "OnlineEventAttendanceMode",
        (True, True): "MixedEventAttendanceMode",
    }.get((bool(post.event_location), bool(post.event_online_url)))
    if mode:
        data["eventAttendanceMode"] = f"https://schema.org/{mode}"
    return data


def post_metadata(request: HttpRequest, post: Post, change_notes=()) -> dict:
    """Everything the head of a post page says about the post."""
    url = content.absolute(request, content.post_path(post))
    image, is_default = share_image(request, post)
    notes = list(change_notes)
    modified = max(
        [post.published_at, post.updated_at] + [n.noted_at for n in notes[:1]]
    )
    base = {
        "@context": "https://schema.org",
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": post.language,
        "description": post.summary or settings.BULLETIN_SITE["description"],
        "image": [image],
    }
    if post.is_event and post.event_start:
        main = _event(post, base, request)
    else:
        main = {
            **base,
            "@type": "NewsArticle",
            "headline": post.title[:110],
            "datePublished": post.published_at.isoformat(),
            "dateModified": modified.isoformat(),
            "author": organization(request),
            "publisher": organization(request),
        }
    trail = breadcrumbs(
        request,
        [_home(post.language), _kind_list(post), (post.title, content.post_path(post))],
    )
    trail["@context"] = "https://schema.org"
    return {
        "canonical": url,
        "json_ld": [json_ld(main), json_ld(trail)],
        "og": {
            "og:type": "article",
            "og:title": post.title,
            "og:description": post.summary or settings.BULLETIN_SITE["description"],
            "og:url": url,
            "og:site_name": settings.BULLETIN_SITE["name"],
            "og:locale": translation.to_locale(post.language),
            "og:image": image,
            "article:published_time": post.published_at.isoformat(),
            "article:modified_time": modified.isoformat(),
        },
        "image_size": DEFAULT_IMAGE_SIZE if is_default else None,
        "twitter": _twitter(post.title, post.summary, image),
    }


def withdrawn_metadata(request: HttpRequest, post: Post, title: str) -> dict:
    """A withdrawn post's notice page; a withdrawn event says it is cancelled."""
    data = list_metadata(request, None, title)
    if post.is_event and post.event_start:
        # Only what calendars keep of it: its title and time, and that it is off.
        zone = post.event_zone
        event = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": post.title,
            "url": content.absolute(request, content.post_path(post)),
            "inLanguage": post.language,
            "startDate": post.event_start.astimezone(zone).isoformat(),
            "eventStatus": "https://schema.org/EventCancelled",
            "organizer": organization(request),
        }
        if post.event_end:
            event["endDate"] = post.event_end.astimezone(zone).isoformat()
        data["json_ld"] = [*data["json_ld"], json_ld(event)]
    return data


def list_metadata(
    request: HttpRequest, post_list: PostList | None, title: str, page: int = 1
) -> dict:
    """The head of a list or any other public page: the organisation and the list."""
    url = content.absolute(request, post_list.url(page) if post_list else request.path)
    image, _ = share_image(request)
    org = {"@context": "https://schema.org", **organization(request)}
    blocks = [json_ld(org)]
    if post_list and post_list.is_filtered:
        trail = breadcrumbs(
            request, [_home(post_list.language), (post_list.heading(), post_list.url())]
        )
        trail["@context"] = "https://schema.org"
        blocks.append(json_ld(trail))
    description = settings.BULLETIN_SITE["description"]
    return {
        "canonical": url,
        "json_ld": blocks,
        "og": {
            "og:type": "website",
            "og:title": title,
            "og:description": description,
            "og:url": url,
            "og:site_name": settings.BULLETIN_SITE["name"],
            "og:locale": translation.to_locale(translation.get_language()),
            "og:image": image,
        },
        "image_size": DEFAULT_IMAGE_SIZE,
        "twitter": _twitter(title, description, image),
    }


def _twitter(title: str, description: str, image: str) -> dict:
    return {
        "twitter:card": "summary_large_image",
        "twitter:title": title,
        "twitter:description": description or settings.BULLETIN_SITE["description"],
        "twitter:image": image,
    }
