"""The rows of a list page, worked out in Python before the template draws them.

A list page shows 20 posts. Asked of the model in the template, each row cost about
0.3 ms of CPU: every `{{ post.x }}` is a failed `post["x"]` before the attribute,
`get_kind_display` rebuilds the field's choices (and translates each) per call, and
`date:"DATE_FORMAT"` formats a day that most rows share. Here each row is a plain
dict of what the template prints, the kind labels are translated once per page and
each day is formatted once. The template escapes the values as before, so the page
is the same; `tests/public/test_list_page.py` compares rows with the model's own
answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from bulletin.posts import clock
from bulletin.posts.listing import PostList
from bulletin.posts.models import Kind, Post
from bulletin.posts.templatetags.bulletin_time import html_datetime


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


def summaries(post_list: PostList, posts: Iterable[Post]) -> list[dict]:
    """One dict per post with what `public/_post_summary.html` prints, in the active
    language: its address inside `post_list`, title, kind and its label, publication
    time (`<time datetime>` and the day as `date:"DATE_FORMAT"` writes it), event
    times, whether it has expired, and summary."""
    now = clock.now()
    labels = {str(value): str(label) for value, label in Kind.choices}
    days: dict[date, str] = {}
    rows = []
    for post in posts:
        local = timezone.localtime(post.published_at)
        day = days.get(local.date())
        if day is None:
            day = days[local.date()] = formats.date_format(local, "DATE_FORMAT")
        rows.append(
            {
                "url": post_list.post_url(post),
                "title": post.title,
                "kind": post.kind,
                "kind_label": labels.get(post.kind, post.kind),
                "iso": html_datetime(post.published_at),
                "day": day,
                "event": event_when(post) if post.is_event else "",
                "expired": post.is_expired(now),
                "summary": post.summary,
            }
        )
    return rows
