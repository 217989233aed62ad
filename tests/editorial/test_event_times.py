"""An event's times are typed, stored, shown and edited on the clock of its own zone.

Other dates (publication, pin, expiry) read the site's zone, and each field says
which zone it reads. Zones come from the IANA list only.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.urls import reverse

from bulletin.posts.models import Kind, Post, Status
from tests.editorial.conftest import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("now")]

SEOUL = ZoneInfo("Asia/Seoul")


def field_by_label(soup: BeautifulSoup, text: str):
    """The control a label names, as a person finds it."""
    label = next(
        lab for lab in soup.select("label") if lab.get_text(strip=True).startswith(text)
    )
    return soup.select_one(f"#{label['for']}")


def help_of(soup: BeautifulSoup, control) -> str:
    ids = (control.get("aria-describedby") or "").split()
    return " ".join(soup.select_one(f"#{i}").get_text(" ", strip=True) for i in ids)


def new_event(client, **fields):
    data = {
        "kind": "event",
        "title": "Roundtable",
        "language": "en",
        "event_timezone": "Asia/Seoul",
        "event_start": "2026-12-04T11:00",
        "event_end": "2026-12-04T13:30",
    }
    data.update(fields)
    return client.post(reverse("editorial:post_create"), data)


@override_settings(TIME_ZONE="Europe/Zurich")
def test_an_event_typed_in_seoul_time_is_held_at_that_time_in_seoul(author_client):
    response = new_event(author_client)
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.event_start == datetime(2026, 12, 4, 11, 0, tzinfo=SEOUL)
    assert post.event_end == datetime(2026, 12, 4, 13, 30, tzinfo=SEOUL)
    assert post.event_timezone == "Asia/Seoul"


@override_settings(TIME_ZONE="Europe/Zurich")
def test_the_edit_form_shows_the_event_times_on_the_events_clock(author_client):
    new_event(author_client)
    post = Post.objects.get()
    page = author_client.get(reverse("editorial:post_edit", args=[post.pk]))
    soup = BeautifulSoup(page.content, "html.parser")
    start = field_by_label(soup, "Event start")
    assert start["value"] == "2026-12-04T11:00"
    assert field_by_label(soup, "Event end")["value"] == "2026-12-04T13:30"
    zone = field_by_label(soup, "Time zone of the event")
    assert zone.name == "select"
    assert zone.select_one("option[selected]")["value"] == "Asia/Seoul"
    assert "Asia/Seoul" in help_of(soup, start)
    # Saving the form unchanged keeps the event where it was.
    response = author_client.post(
        reverse("editorial:post_edit", args=[post.pk]),
        form_data(
            post,
            event_timezone="Asia/Seoul",
            event_start=start["value"],
            event_end="2026-12-04T13:30",
        ),
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.event_start == datetime(2026, 12, 4, 11, 0, tzinfo=SEOUL)


@override_settings(TIME_ZONE="Europe/Zurich")
def test_a_new_form_preselects_the_sites_zone_and_names_each_fields_clock(
    author_client,
):
    soup = BeautifulSoup(
        author_client.get(reverse("editorial:post_create")).content, "html.parser"
    )
    zone = field_by_label(soup, "Time zone of the event")
    assert zone.select_one("option[selected]")["value"] == "Europe/Zurich"
    offered = {option["value"] for option in zone.select("option")}
    assert {"Asia/Seoul", "America/New_York", "UTC"} <= offered
    assert "Seoul" not in offered
    assert "Europe/Zurich" in help_of(soup, field_by_label(soup, "Pinned on top until"))
    assert "Europe/Zurich" in help_of(
        soup, field_by_label(soup, "Taken off the list at")
    )
    assert "event" in help_of(soup, field_by_label(soup, "Event start"))


@pytest.mark.parametrize("zone", ["Seoul", "Mars/Olympus", "../../etc/localtime"])
def test_a_zone_not_in_the_iana_list_is_refused_on_the_field(author_client, zone):
    response = new_event(author_client, event_timezone=zone)
    assert response.status_code == 200
    assert not Post.objects.exists()
    assert response.context["form"].errors["event_timezone"]


def test_a_time_the_clocks_skip_is_refused(author_client):
    # 2026-03-29 02:30 does not happen in Zurich: clocks go from 02:00 to 03:00.
    response = new_event(
        author_client,
        event_timezone="Europe/Zurich",
        event_start="2026-03-29T02:30",
        event_end="2026-03-29T04:00",
    )
    assert response.status_code == 200
    assert "does not exist" in response.context["form"].errors["event_start"][0]


@pytest.mark.parametrize(
    ("zone", "start"),
    [("America/New_York", "9999-12-31T23:59"), ("Asia/Tokyo", "0001-01-01T00:00")],
)
def test_a_time_at_the_ends_of_the_calendar_is_refused_on_the_field(
    author_client, zone, start
):
    # On the event's clock it is a date; in UTC it would fall outside years 1-9999.
    response = new_event(author_client, event_timezone=zone, event_start=start)
    assert response.status_code == 200
    assert not Post.objects.exists()
    assert response.context["form"].errors["event_start"]


def test_a_topic_id_too_large_for_the_database_is_a_form_error(author_client):
    response = new_event(author_client, topics=["99999999999999999999999"])
    assert response.status_code == 200
    assert not Post.objects.exists()
    assert response.context["form"].errors["topics"]


def test_pin_and_expiry_read_the_sites_clock(author_client):
    with override_settings(TIME_ZONE="America/New_York"):
        response = author_client.post(
            reverse("editorial:post_create"),
            {
                "kind": "notice",
                "title": "Office closed",
                "language": "en",
                "pinned_until": "2026-07-01T09:00",
                "expires_at": "2026-07-10T09:00",
            },
        )
    assert response.status_code == 302
    post = Post.objects.get()
    new_york = ZoneInfo("America/New_York")
    assert post.pinned_until == datetime(2026, 7, 1, 9, 0, tzinfo=new_york)
    assert post.expires_at == datetime(2026, 7, 10, 9, 0, tzinfo=new_york)


@pytest.mark.parametrize(
    "fields, field, words",
    [
        (
            {"kind": "event", "event_start": "2026-12-04T11:00",
             "event_end": "2026-12-04T10:00"},
            "event_end", "ends before it starts",
        ),
        (
            {"kind": "event", "event_end": "2026-12-04T10:00"},
            "event_start", "needs a start",
        ),
        (
            {"kind": "notice", "pinned_until": "2026-07-10T09:00",
             "expires_at": "2026-07-01T09:00"},
            "expires_at", "expire before its pin ends",
        ),
    ],
)  # fmt: skip
def test_dates_that_contradict_each_other_are_refused_on_their_field(
    author_client, fields, field, words
):
    data = {"title": "Contradiction", "language": "en", **fields}
    response = author_client.post(reverse("editorial:post_create"), data)
    assert response.status_code == 200
    assert not Post.objects.exists()
    errors = response.context["form"].errors
    assert words in " ".join(errors[field])
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(f".error-summary a[href='#id_{field}']") is not None


@pytest.mark.parametrize("value", ["not a date", "2026-13-45T99:00", "tomorrow"])
def test_an_event_time_that_is_not_a_time_is_an_error_on_its_field(
    author_client, value
):
    response = new_event(author_client, event_start=value)
    assert response.status_code == 200
    assert not Post.objects.exists()
    assert "Enter a valid date/time." in response.context["form"].errors["event_start"]


def test_the_public_page_shows_the_event_on_its_own_clock(author_client, make_post):
    post = make_post(
        kind=Kind.EVENT,
        status=Status.PUBLISHED,
        event_start=datetime(2026, 12, 4, 11, 0, tzinfo=SEOUL),
        event_end=datetime(2026, 12, 4, 13, 30, tzinfo=SEOUL),
        event_timezone="Asia/Seoul",
    )
    page = author_client.get(post.get_absolute_url())
    text = BeautifulSoup(page.content, "html.parser").get_text(" ", strip=True)
    assert "11:00" in text or "11 a.m." in text
