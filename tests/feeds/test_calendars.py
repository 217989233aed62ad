"""iCalendar files and subscribable calendars, read back with the icalendar parser."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from icalendar import Calendar

from bulletin.posts.models import ChangeNote, Kind, Post, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_event(now, make_post):
    def make(**fields) -> Post:
        values = {
            "kind": Kind.EVENT,
            "event_start": now + timedelta(days=10),
            "event_end": now + timedelta(days=10, hours=2),
            "event_timezone": "Europe/Paris",
            "event_location": "Town hall, room 2",
        }
        values.update(fields)
        return make_post(**values)

    return make


def parse(response) -> Calendar:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events_of(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def test_event_file_has_real_time_zone_uid_and_sequence(client, make_event):
    post = make_event(title="Roundtable", version=3)
    calendar = parse(client.get(reverse("feeds:event_ics", kwargs={"slug": post.slug})))
    (event,) = events_of(calendar)
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Paris"
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    start = event.decoded("DTSTART")
    assert start.tzinfo.key == "Europe/Paris" if hasattr(start.tzinfo, "key") else True
    assert start == post.event_start.astimezone(ZoneInfo("Europe/Paris"))
    assert event.decoded("DTEND") == post.event_end
    assert str(event["UID"]) == f"post-{post.pk}@testserver"
    assert event["SEQUENCE"] == 3
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]) == "Roundtable"
    assert str(event["LOCATION"]) == "Town hall, room 2"
    assert str(event["URL"]) == f"http://testserver/en/posts/{post.slug}/"


def test_sequence_rises_and_uid_stays_when_the_event_changes(
    client, make_event, time_machine
):
    post = make_event()
    url = reverse("feeds:event_ics", kwargs={"slug": post.slug})
    before = events_of(parse(client.get(url)))[0]
    time_machine.shift(timedelta(minutes=5))
    post.event_start += timedelta(hours=1)
    post.event_end += timedelta(hours=1)
    post.version += 1
    post.save()
    after = events_of(parse(client.get(url)))[0]
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.decoded("DTSTART") - before.decoded("DTSTART") == timedelta(hours=1)


def test_calendar_lists_upcoming_events_in_time_order(
    client, now, make_event, make_post
):
    later = make_event(
        title="Later", event_start=now + timedelta(days=20), event_end=None
    )
    soon = make_event(title="Soon", event_start=now + timedelta(days=1))
    make_event(title="Long past", event_start=now - timedelta(days=90), event_end=None)
    make_post(title="Not an event")
    calendar = parse(client.get(reverse("feeds:calendar")))
    assert str(calendar["X-WR-CALNAME"]).endswith("Events")
    events = events_of(calendar)
    assert [str(e["SUMMARY"]) for e in events] == ["Soon", "Later"]
    assert {str(e["UID"]) for e in events} == {
        f"post-{soon.pk}@testserver",
        f"post-{later.pk}@testserver",
    }
    assert "DTEND" not in events[1]


def test_topic_calendar_holds_only_its_topic(client, make_event, make_topic):
    water = make_topic("Water")
    make_event(title="Water forum", topics=[water])
    make_event(title="Budget forum")
    calendar = parse(
        client.get(reverse("feeds:calendar", kwargs={"topic": water.slug}))
    )
    assert [str(e["SUMMARY"]) for e in events_of(calendar)] == ["Water forum"]
    assert "Water" in str(calendar["X-WR-CALNAME"])
    assert (
        client.get(reverse("feeds:calendar", kwargs={"topic": "nope"})).status_code
        == 404
    )


def test_withdrawn_event_stays_cancelled_without_its_body(client, now, make_event):
    post = make_event(
        title="Open day", body="<p>Secret plans</p>", summary="Secret summary"
    )
    url = reverse("feeds:calendar")
    confirmed = events_of(parse(client.get(url)))[0]
    post.status = Status.WITHDRAWN
    post.withdrawn_at = now
    post.save()
    (cancelled,) = events_of(parse(client.get(url)))
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled["UID"] == confirmed["UID"]
    assert cancelled["SEQUENCE"] > confirmed["SEQUENCE"]
    text = client.get(url).content.decode()
    assert "Secret" not in text
    # The single-event file is gone with the post.
    ics = reverse("feeds:event_ics", kwargs={"slug": post.slug})
    assert client.get(ics).status_code == 404


def test_unpublished_events_never_appear(client, now, make_event):
    make_event(title="Draft event", status=Status.DRAFT, published_at=None)
    make_event(title="Scheduled event", published_at=now + timedelta(days=1))
    # Withdrawn before it was ever public: nothing to cancel, nothing to show.
    make_event(
        title="Never public",
        status=Status.WITHDRAWN,
        published_at=now + timedelta(days=1),
        withdrawn_at=now,
    )
    assert events_of(parse(client.get(reverse("feeds:calendar")))) == []
    for post in Post.objects.all():
        ics = reverse("feeds:event_ics", kwargs={"slug": post.slug})
        assert client.get(ics).status_code == 404


def test_event_file_only_for_events_with_a_time(client, make_post, make_event):
    news = make_post()
    undated = make_event(event_start=None, event_end=None)
    for post in (news, undated):
        ics = reverse("feeds:event_ics", kwargs={"slug": post.slug})
        assert client.get(ics).status_code == 404


def test_hostile_text_gives_a_parseable_calendar(client, make_event):
    post = make_event(
        title="A, B; C\\ \x07 😀 ]]> مرحبا\nnew line", event_location="Hall; 1, 2"
    )
    (event,) = events_of(parse(client.get(reverse("feeds:calendar"))))
    assert str(event["SUMMARY"]) == "A, B; C\\  😀 ]]> مرحبا\nnew line"
    assert str(event["LOCATION"]) == "Hall; 1, 2"
    assert post.pk


def test_unknown_time_zone_falls_back_to_the_site_zone(client, make_event):
    post = make_event(event_timezone="Mars/Olympus")
    event = events_of(parse(client.get(reverse("feeds:calendar"))))[0]
    assert event.decoded("DTSTART") == post.event_start


def test_calendar_answers_304_to_its_etag(client, make_event):
    make_event()
    url = reverse("feeds:calendar")
    first = client.get(url)
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_event_page_offers_add_to_calendar(client, make_event):
    post = make_event()
    page = client.get(reverse("public:post", kwargs={"slug": post.slug}))
    soup = BeautifulSoup(page.content, "html.parser")
    link = soup.select_one(".event-details a[href$='event.ics']")
    assert link is not None
    assert link["href"] == reverse("feeds:event_ics", kwargs={"slug": post.slug})
    assert parse(client.get(link["href"]))


def test_calendar_queries_do_not_grow_with_events(
    client, make_event, make_topic, django_assert_max_num_queries
):
    topic = make_topic()
    url = reverse("feeds:calendar", kwargs={"topic": topic.slug})

    def add_events(n):
        for _ in range(n):
            post = make_event(topics=[topic])
            ChangeNote.objects.create(post=post, note="Moved")
            make_event(
                topics=[topic], status=Status.WITHDRAWN, withdrawn_at=post.published_at
            )

    add_events(2)
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    add_events(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(events_of(parse(client.get(url)))) == 24


class CountedBuilds:
    """Counts the VEVENTs built with icalendar (the real builder runs)."""

    def __init__(self, monkeypatch) -> None:
        from bulletin.feeds import calendars

        self.built, real = [], calendars.vevent

        def counting(*args, **kwargs):
            self.built.append(args)
            return real(*args, **kwargs)

        monkeypatch.setattr(calendars, "vevent", counting)


def test_after_a_change_a_calendar_makes_again_only_the_changed_event(
    client, make_event, monkeypatch
):
    posts = [make_event(title=f"Meeting {n}") for n in range(4)]
    url = reverse("feeds:calendar")
    assert len(events_of(parse(client.get(url)))) == 4
    builds = CountedBuilds(monkeypatch)
    posts[2].title = "Meeting moved"
    posts[2].save()
    events = events_of(parse(client.get(url)))
    assert len(builds.built) == 1
    assert sorted(str(e["SUMMARY"]) for e in events) == [
        "Meeting 0", "Meeting 1", "Meeting 3", "Meeting moved",
    ]  # fmt: skip


def test_an_event_moved_to_another_zone_at_the_same_instant_is_made_again(
    client, make_event
):
    post = make_event()
    url = reverse("feeds:calendar")
    (event,) = events_of(parse(client.get(url)))
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    post.event_timezone = "Asia/Seoul"  # the same instants, shown in Seoul's time
    post.save()
    calendar = parse(client.get(url))
    (event,) = events_of(calendar)
    assert event["DTSTART"].params["TZID"] == "Asia/Seoul"
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Asia/Seoul"]


def test_a_calendar_file_is_what_icalendar_writes_for_the_same_components(
    client, make_event, rf
):
    from bulletin.feeds import calendars
    from bulletin.feeds.vtimezone import vtimezone

    make_event(event_timezone="Asia/Seoul", title="Roundtable")
    make_event(event_end=None)
    request = rf.get("/en/events/calendar.ics")
    posts = calendars.upcoming_events("en")
    facts = [calendars.event_facts(request, post) for post in posts]
    whole = calendars.new_calendar(request, "Events")
    for fact in facts:
        whole.add_component(calendars.vevent(fact))
    for zone in ("Asia/Seoul", "Europe/Paris"):
        whole.add_component(vtimezone(zone))
    spliced = calendars.finish(
        calendars.new_calendar(request, "Events"),
        [calendars.serialised(fact) for fact in facts],
    )
    assert spliced == whole.to_ical()
