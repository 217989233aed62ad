"""Calendars read the same in independent clients: vobject and icalendar.

Events on both sides of a daylight-saving change, in Europe/Zurich and
America/New_York, must come out at the same instant in each parser. The VTIMEZONE
is written as yearly rules, which both apply the same way.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.test import override_settings
from django.urls import reverse
from icalendar import Calendar

from bulletin.posts.models import Kind

pytestmark = pytest.mark.django_db

# The calendar holds upcoming events (the clock stands at 15 June 2026).
MOMENTS = [
    ("Europe/Zurich", datetime(2026, 10, 20, 18, 0)),  # summer time, UTC+2
    ("Europe/Zurich", datetime(2026, 11, 5, 18, 0)),  # after 25 October, UTC+1
    ("Europe/Zurich", datetime(2027, 4, 2, 18, 0)),  # after 28 March, UTC+2
    ("America/New_York", datetime(2026, 10, 30, 9, 30)),  # summer time, UTC-4
    ("America/New_York", datetime(2026, 11, 5, 9, 30)),  # after 1 November, UTC-5
    ("America/New_York", datetime(2027, 3, 20, 9, 30)),  # after 14 March, UTC-4
]


@pytest.fixture
def events(now, make_post):
    made = []
    for n, (zone, wall) in enumerate(MOMENTS):
        start = wall.replace(tzinfo=ZoneInfo(zone))
        made.append(
            make_post(
                kind=Kind.EVENT,
                title=f"Meeting {n}",
                event_timezone=zone,
                event_start=start,
                event_end=start.replace(hour=start.hour + 1),
            )
        )
    return made


def calendar_text(client) -> str:
    response = client.get(reverse("feeds:calendar"))
    assert response.status_code == 200
    return response.content.decode()


def test_vobject_reads_every_event_at_its_real_time(client, events):
    parsed = vobject.readOne(calendar_text(client))
    starts = {
        str(e.summary.value): e.dtstart.value.astimezone(UTC)
        for e in parsed.vevent_list
    }
    for post in events:
        assert starts[post.title] == post.event_start.astimezone(UTC), post.title


def test_icalendar_reads_every_event_at_its_real_time(client, events):
    parsed = Calendar.from_ical(calendar_text(client))
    starts = {
        str(e["SUMMARY"]): e.decoded("DTSTART").astimezone(UTC)
        for e in parsed.walk("VEVENT")
    }
    for post in events:
        assert starts[post.title] == post.event_start.astimezone(UTC), post.title


def test_the_time_zones_are_rules_not_lists_of_transitions(client, events):
    parsed = Calendar.from_ical(calendar_text(client))
    zones = {str(z["TZID"]): z for z in parsed.walk("VTIMEZONE")}
    assert set(zones) == {"Europe/Zurich", "America/New_York"}
    for zone in zones.values():
        parts = zone.walk("STANDARD") + zone.walk("DAYLIGHT")
        assert len(parts) == 2
        assert all("RRULE" in part and "RDATE" not in part for part in parts)


def test_one_event_file_reads_right_in_vobject(client, events):
    summer = events[0]
    response = client.get(reverse("feeds:event_ics", kwargs={"slug": summer.slug}))
    (event,) = vobject.readOne(response.content.decode()).vevent_list
    expected = datetime(2026, 10, 20, 16, 0, tzinfo=UTC)
    assert event.dtstart.value.astimezone(UTC) == expected


@override_settings(TIME_ZONE="Europe/Zurich")
def test_an_empty_calendar_still_holds_a_component(client, db):
    text = calendar_text(client)
    parsed = Calendar.from_ical(text)
    assert parsed.subcomponents, text
    assert vobject.readOne(text).name == "VCALENDAR"
