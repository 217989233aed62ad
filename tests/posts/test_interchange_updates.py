"""An update through `bulletin load` is seen by every sync client, and only a real one.

Read back the way clients read: feedparser for Atom and JSON Feed, icalendar for
the event file, the API's `updated_since`, and the attachment's public address.
"""

from __future__ import annotations

import io
import json
from datetime import timedelta

import feedparser
import pytest
from django.urls import reverse
from icalendar import Calendar

from bulletin.posts.interchange import LoadError, dump, load
from bulletin.posts.models import Kind, Post
from tests.posts.test_uploads import pdf_bytes

pytestmark = pytest.mark.django_db


def the_line(post: Post) -> dict:
    out = io.StringIO()
    dump(out)
    return next(
        row
        for row in map(json.loads, out.getvalue().splitlines())
        if row["id"] == post.external_id
    )


@pytest.fixture
def event(now, make_post, make_attachment):
    post = make_post(
        kind=Kind.EVENT, title="Budget hearing", slug="budget-hearing",
        event_start=now + timedelta(days=5), event_end=now + timedelta(days=5, hours=2),
        event_timezone="Europe/Zurich", updated_at=now - timedelta(hours=1),
    )  # fmt: skip
    make_attachment(post, title="Agenda", filename="agenda.pdf", data=pdf_bytes())
    return post


def atom_updated(client) -> tuple:
    url = reverse("feeds:feed", kwargs={"fmt": "atom"})
    return tuple(feedparser.parse(client.get(url).content).entries[0].updated_parsed)


def json_modified(client) -> str:
    url = reverse("feeds:feed", kwargs={"fmt": "json"})
    return client.get(url).json()["items"][0]["date_modified"]


def ics_sequence(client, post: Post) -> int:
    response = client.get(reverse("feeds:event_ics", kwargs={"slug": post.slug}))
    (vevent,) = Calendar.from_ical(response.content).walk("VEVENT")
    return int(vevent["SEQUENCE"])


def api_ids_since(client, moment) -> list[int]:
    response = client.get(reverse("api:posts"), {"updated_since": moment.isoformat()})
    return [row["id"] for row in response.json()["results"]]


def test_an_update_by_load_moves_every_modified_signal_forward(
    client, now, time_machine, event
):
    row = the_line(event)
    attachment = event.attachments.get()
    address = attachment.get_absolute_url()
    before = (atom_updated(client), json_modified(client), ics_sequence(client, event))

    later = now + timedelta(hours=3)
    time_machine.move_to(later, tick=False)
    row["title"] = "Budget hearing (new room)"
    load([json.dumps(row)])

    event.refresh_from_db()
    assert event.updated_at == later
    assert atom_updated(client)[:5] == later.timetuple()[:5]
    assert atom_updated(client) != before[0]
    assert json_modified(client) != before[1]
    assert ics_sequence(client, event) == before[2] + 1
    assert event.pk in api_ids_since(client, later)
    # The unchanged file keeps its row, so its address still answers.
    assert event.attachments.get().pk == attachment.pk
    assert client.get(address).status_code == 200


def test_loading_an_unchanged_line_moves_no_signal(client, now, time_machine, event):
    row = the_line(event)
    sequence = ics_sequence(client, event)
    time_machine.move_to(now + timedelta(hours=3), tick=False)
    load([json.dumps(row)])
    event.refresh_from_db()
    assert event.updated_at == now - timedelta(hours=1)
    assert ics_sequence(client, event) == sequence
    assert api_ids_since(client, now) == []


def test_a_replaced_attachment_gets_a_new_address_and_the_others_keep_theirs(
    client, now, event, make_attachment
):
    second = make_attachment(
        event, title="Figures", filename="figures.csv", content_type="text/csv",
        data=b"a,b\n1,2\n", position=1,
    )  # fmt: skip
    first = event.attachments.get(title="Agenda")
    row = the_line(event)
    row["attachments"][1]["data_base64"] = "YSxiCjMsNAo="  # "a,b\n3,4\n"
    load([json.dumps(row)])
    kept, replaced = event.attachments.order_by("position")
    assert kept.pk == first.pk
    assert replaced.pk != second.pk and replaced.file.read() == b"a,b\n3,4\n"
    assert client.get(first.get_absolute_url()).status_code == 200


def test_a_line_may_not_date_a_post_in_the_future(now, event):
    row = the_line(event)
    row["updated_at"] = (now + timedelta(days=1)).isoformat()
    with pytest.raises(LoadError, match="updated_at is in the future"):
        load([json.dumps(row)])
