"""Presentation helpers for public templates: list-aware links, event times, file sizes."""

from __future__ import annotations

from django import template
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from bulletin.posts.listing import PostList
from bulletin.posts.models import Post
from bulletin.posts.templatetags.bulletin_time import html_datetime

register = template.Library()


@register.simple_tag
def post_url(post_list: PostList, post: Post) -> str:
    """The post's address inside the list being browsed, so Prev/Next stay in it."""
    return post_list.post_url(post)


@register.simple_tag
def list_url(post_list: PostList, page: int = 1) -> str:
    return post_list.url(page)


@register.simple_tag
def event_when(post: Post) -> str:
    """Start and end in the event's own time zone, the zone named: readers may be elsewhere."""
    if not post.event_start:
        return ""
    zone = post.event_zone
    start = timezone.localtime(post.event_start, zone)
    text = (
        formats.date_format(start, "DATE_FORMAT")
        + ", "
        + formats.time_format(start, "TIME_FORMAT")
    )
    if post.event_end:
        end = timezone.localtime(post.event_end, zone)
        if end.date() == start.date():
            text += "–" + formats.time_format(end, "TIME_FORMAT")
        else:
            text += (
                " – "
                + formats.date_format(end, "DATE_FORMAT")
                + ", "
                + formats.time_format(end, "TIME_FORMAT")
            )
    offset = start.strftime("%z")
    offset = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return _("%(when)s (%(zone)s, %(offset)s)") % {
        "when": text,
        "zone": str(zone),
        "offset": offset,
    }


# The same filter as `bulletin_time`'s, for templates that load only this library.
register.filter("iso", html_datetime)
