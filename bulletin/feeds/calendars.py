"""iCalendar (RFC 5545) for events: one file per event and subscribable calendars.

A subscribed calendar is fetched again and again, so each event keeps one UID for
life, and its SEQUENCE follows the post's version, which rises on every save: a
calendar app then knows a changed event replaces the copy it holds. An event that is
withdrawn stays in the calendar as STATUS:CANCELLED (title and time only, never its
body), so subscribers see it struck out instead of silently kept.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from bulletin.feeds import content
from bulletin.feeds.vtimezone import vtimezone
from bulletin.posts import clock
from bulletin.posts.models import Kind, Post, PostQuerySet, Topic

# Events that ended this long ago stay in a subscribed calendar, so an app does not
# drop a meeting from yesterday; older ones leave it.
KEEP_PAST = timedelta(days=30)
CALENDAR_SIZE = 500


def window_start(now: datetime | None = None) -> datetime:
    """The start of the calendar's window, moved once a day (see `public_etag`)."""
    now = now or clock.now()
    day = now.date() - KEEP_PAST
    return datetime.combine(day, time.min, tzinfo=ZoneInfo("UTC"))


def _in_window(posts: PostQuerySet, language: str, topic: Topic | None) -> PostQuerySet:
    posts = posts.filter(kind=Kind.EVENT, language=language, event_start__isnull=False)
    # Written as two index ranges (end, or start when there is no end) so the
    # database seeks the window instead of testing every event ever held.
    start = window_start()
    posts = posts.filter(
        Q(event_end__gte=start) | Q(event_end__isnull=True, event_start__gte=start)
    )
    if topic:
        links = Post.topics.through.objects.filter(post=OuterRef("pk"), topic=topic)
        posts = posts.filter(Exists(links))
    return posts.order_by("event_start", "id")


def upcoming_events(language: str, topic: Topic | None = None) -> list[Post]:
    posts = _in_window(Post.objects.public(), language, topic)
    return list(posts.prefetch_related("topics", "change_notes")[:CALENDAR_SIZE])


def cancelled_events(language: str, topic: Topic | None = None) -> list[Post]:
    """Events withdrawn after they were public: kept in calendars as cancelled."""
    posts = _in_window(Post.objects.withdrawn_after_publication(), language, topic).only(
        "id", "title", "language", "created_at", "updated_at", "withdrawn_at",
        "published_at", "event_start", "event_end", "event_timezone", "version",
    )  # fmt: skip
    return list(posts[:CALENDAR_SIZE])


def new_calendar(request: HttpRequest, name: str) -> Calendar:
    calendar = Calendar()
    host = urlsplit(content.site_root(request)).hostname or "localhost"
    calendar.add("prodid", f"-//{host}//Bulletin//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", content.xml_safe(name))
    calendar.add("x-wr-calname", content.xml_safe(name))
    calendar.add(
        "refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"}
    )
    calendar.add("x-published-ttl", "PT1H")
    return calendar


def event_uid(request: HttpRequest, post: Post) -> str:
    host = urlsplit(content.site_root(request)).hostname or "localhost"
    return f"post-{post.pk}@{host}"


def _times(event: Event, post: Post) -> None:
    zone = post.event_zone
    event.add("dtstart", post.event_start.astimezone(zone))
    if post.event_end and post.event_end > post.event_start:
        event.add("dtend", post.event_end.astimezone(zone))


def vevent(request: HttpRequest, post: Post) -> Event:
    event = Event()
    updated = content.post_updated(post)
    event.add("uid", event_uid(request, post))
    event.add("dtstamp", updated)
    event.add("last-modified", updated)
    event.add("created", post.published_at)
    event.add("sequence", post.version)
    event.add("status", "CONFIRMED")
    _times(event, post)
    event.add("summary", content.xml_safe(post.title))
    url = content.absolute(request, content.post_path(post))
    online = post.event_online_url
    # URL is where to join when the event is online; clients that ignore URL still
    # show the link in the place and the description.
    with translation.override(post.language):
        joining = _("Online: %(url)s") % {"url": online} if online else ""
    description = "\n\n".join(filter(None, [post.summary, joining, url]))
    event.add("description", content.xml_safe(description))
    event.add("url", online or url)
    location = " · ".join(filter(None, [post.event_location, online]))
    if location:
        event.add("location", content.xml_safe(location))
    topics = [content.xml_safe(t.name_in(post.language)) for t in post.topics.all()]
    if topics:
        event.add("categories", topics)
    return event


def cancelled_vevent(request: HttpRequest, post: Post) -> Event:
    event = Event()
    changed = max(t for t in (post.updated_at, post.withdrawn_at) if t)
    event.add("uid", event_uid(request, post))
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    # Withdrawing is a change too; the version may or may not have been raised for it.
    event.add("sequence", post.version + 1)
    event.add("status", "CANCELLED")
    _times(event, post)
    event.add("summary", content.xml_safe(post.title))
    return event


def finish(calendar: Calendar) -> bytes:
    """The calendar with a VTIMEZONE, as rules, for each zone its events use.

    A calendar without events still holds one component (the site's zone), as some
    clients refuse a VCALENDAR with none.
    """
    zones = sorted(
        {
            str(value.params["TZID"])
            for event in calendar.walk("VEVENT")
            for value in (event.get("DTSTART"), event.get("DTEND"))
            if value is not None and "TZID" in value.params
        }
    )
    if not calendar.walk("VEVENT"):
        zones = [settings.TIME_ZONE]
    missing = False
    for key in zones:
        component = vtimezone(key)
        if component is None:
            missing = True
        else:
            calendar.add_component(component)
    if missing:
        calendar.add_missing_timezones()
    return calendar.to_ical()
