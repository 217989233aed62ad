"""iCalendar (RFC 5545) for events: one file per event and subscribable calendars.

A subscribed calendar is fetched again and again, so each event keeps one UID for
life, and its SEQUENCE follows the post's version, which rises on every save: a
calendar app then knows a changed event replaces the copy it holds. An event that is
withdrawn stays in the calendar as STATUS:CANCELLED (title and time only, never its
body), so subscribers see it struck out instead of silently kept.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import NamedTuple
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from bulletin.feeds import content
from bulletin.feeds.vtimezone import vtimezone
from bulletin.posts import clock
from bulletin.posts.localcache import LocalLRU
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


class EventFacts(NamedTuple):
    """Everything an event's VEVENT is made of, worked out from the post and the
    request: the key its serialised form is kept under, so nothing the event shows can
    change without it being made again."""

    uid: str
    updated: datetime
    created: datetime | None
    sequence: int
    zone: str
    start: datetime
    end: datetime | None
    title: str
    description: str | None  # None: cancelled (title and time only, never the body)
    url: str
    location: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Serialised:
    """One VEVENT as it goes into a calendar file, and the zones its times name."""

    ical: bytes
    zones: tuple[str, ...]


# Serialised events of this process, by their facts: after a change, a calendar of
# 500 events makes again only the events that changed (building and folding each
# one with icalendar cost 1 ms; a calendar of 500 took 0.5–0.9 s after every change
# at 100,000 posts).
_serialised: LocalLRU[Serialised] = LocalLRU(4 * CALENDAR_SIZE)


def _bounds(post: Post) -> tuple[str, datetime, datetime | None]:
    zone = post.event_zone
    end = (
        post.event_end if post.event_end and post.event_end > post.event_start else None
    )
    return zone.key, post.event_start.astimezone(zone), end and end.astimezone(zone)


def event_facts(request: HttpRequest, post: Post) -> EventFacts:
    url = content.absolute(request, content.post_path(post))
    online = post.event_online_url
    # URL is where to join when the event is online; clients that ignore URL still
    # show the link in the place and the description.
    with translation.override(post.language):
        joining = _("Online: %(url)s") % {"url": online} if online else ""
    description = "\n\n".join(filter(None, [post.summary, joining, url]))
    updated = content.post_updated(post)
    return EventFacts(
        event_uid(request, post),
        updated,
        post.published_at,
        post.version,
        *_bounds(post),
        content.xml_safe(post.title),
        content.xml_safe(description),
        online or url,
        content.xml_safe(" · ".join(filter(None, [post.event_location, online]))),
        tuple(content.xml_safe(t.name_in(post.language)) for t in post.topics.all()),
    )


def cancelled_facts(request: HttpRequest, post: Post) -> EventFacts:
    changed = max(t for t in (post.updated_at, post.withdrawn_at) if t)
    # Withdrawing is a change too; the version may or may not have been raised for it.
    return EventFacts(
        event_uid(request, post),
        changed,
        None,
        post.version + 1,
        *_bounds(post),
        content.xml_safe(post.title),
        None,
        "",
        "",
        (),
    )


def vevent(facts: EventFacts) -> Event:
    event = Event()
    event.add("uid", facts.uid)
    event.add("dtstamp", facts.updated)
    event.add("last-modified", facts.updated)
    if facts.created is not None:
        event.add("created", facts.created)
    event.add("sequence", facts.sequence)
    event.add("status", "CONFIRMED" if facts.description is not None else "CANCELLED")
    event.add("dtstart", facts.start)
    if facts.end is not None:
        event.add("dtend", facts.end)
    event.add("summary", facts.title)
    if facts.description is None:
        return event
    event.add("description", facts.description)
    event.add("url", facts.url)
    if facts.location:
        event.add("location", facts.location)
    if facts.categories:
        event.add("categories", list(facts.categories))
    return event


def serialised(facts: EventFacts) -> Serialised:
    """The event's VEVENT, made once for these facts."""
    found = _serialised.get(facts)
    if found is None:
        event = vevent(facts)
        zones = {
            str(value.params["TZID"])
            for value in (event.get("DTSTART"), event.get("DTEND"))
            if value is not None and "TZID" in value.params
        }
        found = Serialised(event.to_ical(), tuple(sorted(zones)))
        _serialised.set(facts, found)
    return found


def finish(calendar: Calendar, events: list[Serialised]) -> bytes:
    """The calendar file: its own lines, the events, and a VTIMEZONE, as rules, for
    each zone the events use.

    A calendar without events still holds one component (the site's zone), as some
    clients refuse a VCALENDAR with none.
    """
    zones = sorted({zone for event in events for zone in event.zones})
    if not events:
        zones = [settings.TIME_ZONE]
    timezones = []
    for key in zones:
        component = vtimezone(key)
        if component is None:
            with contextlib.suppress(ValueError):  # a zone icalendar does not know
                component = Timezone.from_tzid(key)
        if component is not None:
            timezones.append(component.to_ical())
    head = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    return b"".join(
        [head.removesuffix(end), *(e.ical for e in events), *timezones, end]
    )
