"""A small, realistic notice board for the browser tests, built in a few bulk writes.

Times are relative to the real clock: the live server answers from another thread,
so the board must be right for whatever "now" the server sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile

from bulletin.posts import clock
from bulletin.posts.models import Attachment, Kind, Post, Status, Topic
from bulletin.posts.pdf import simple_pdf
from bulletin.posts.state import bump_content_version

# Enough water news for three pages of 20 in the filtered list.
WATER_NEWS = 48
BODY = (
    "<p>The regional water board has finished the first stage of the works on the "
    "northern supply main. Residents of the districts listed below may notice lower "
    'pressure on weekday mornings. <a href="https://example.org/water">Read the '
    "full timetable</a>.</p>"
    "<h2>What changes for residents</h2>"
    "<ul><li>Lower pressure from 06:00 to 09:00</li><li>Bottled water at the town "
    "hall on request</li><li>No change to bills</li></ul>"
    "<h3>Districts affected</h3>"
    "<table><thead><tr><th>District</th><th>From</th><th>Until</th></tr></thead>"
    "<tbody><tr><td>Northfield</td><td>3 March</td><td>14 March</td></tr>"
    "<tr><td>Riverside</td><td>10 March</td><td>21 March</td></tr></tbody></table>"
    "<blockquote><p>We thank residents for their patience.</p></blockquote>"
)


@dataclass(frozen=True)
class Board:
    water: Topic
    transport: Topic
    health: Topic
    event: Post
    expired_notice: Post
    pinned_notice: Post
    withdrawn: Post
    attachment: Attachment


def build_board(now: datetime | None = None) -> Board:
    now = (now or clock.now()).replace(microsecond=0)
    water = Topic.objects.create(
        name="Water and sanitation", description="Supply, drainage and water quality."
    )
    transport = Topic.objects.create(
        name="Transport", description="Roads, buses and cycling."
    )
    health = Topic.objects.create(
        name="Health", description="Clinics and public health."
    )

    def post(n: int, kind: str, title: str, hours_ago: float, **fields) -> Post:
        return Post(
            kind=kind,
            title=title,
            slug=f"{Post(title=title).unique_slug()}-{n}",
            summary=fields.pop(
                "summary",
                "Works on the northern supply main continue; what residents need to know.",
            ),
            body=BODY,
            status=fields.pop("status", Status.PUBLISHED),
            published_at=now - timedelta(hours=hours_ago),
            created_at=now - timedelta(hours=hours_ago + 1),
            updated_at=now - timedelta(hours=hours_ago),
            **fields,
        )

    posts = [
        post(n, Kind.NEWS, f"Water supply works, stage {n}", 2 + n * 3)
        for n in range(WATER_NEWS)
    ]
    notices = [
        post(
            100 + n,
            Kind.NOTICE,
            f"Road closure on Station Street, week {n + 1}",
            4 + n * 5,
        )
        for n in range(8)
    ]
    pinned = post(
        200,
        Kind.NOTICE,
        "Call for applications: community grants 2026",
        30,
        pinned_until=now + timedelta(days=10),
        summary="Groups may apply until the end of next month; the form and rules are attached.",
    )
    expired = post(
        201,
        Kind.NOTICE,
        "Temporary closure of the east library",
        200,
        expires_at=now - timedelta(days=2),
        summary="The east library was closed for repairs; it has reopened.",
    )
    start = (now + timedelta(days=21)).replace(hour=14, minute=0, second=0)
    event = post(
        300,
        Kind.EVENT,
        "Roundtable on clean water",
        6,
        event_start=start,
        event_end=start + timedelta(hours=2),
        event_timezone="Europe/Paris",
        event_location="Town hall, Room 2, 1 Market Square",
        event_online_url="https://example.org/live/roundtable",
        summary="Residents, experts and the water board discuss the next ten years of supply.",
    )
    withdrawn = post(
        202,
        Kind.NOTICE,
        "Tender for school meals",
        90,
        status=Status.WITHDRAWN,
        withdrawn_at=now - timedelta(hours=20),
        withdrawal_note="The tender was cancelled; a new call will be published in spring.",
    )
    events = [
        post(301 + n, Kind.EVENT, f"Health information session {n + 1}", 10 + n * 7)
        for n in range(3)
    ]
    created = Post.objects.bulk_create(
        [*posts, *notices, pinned, expired, withdrawn, event, *events]
    )
    links = Post.topics.through
    rows = [links(post_id=p.pk, topic_id=water.pk) for p in created[:WATER_NEWS]]
    rows += [
        links(post_id=p.pk, topic_id=transport.pk) for p in [*notices, pinned, expired]
    ]
    rows += [links(post_id=p.pk, topic_id=health.pk) for p in events]
    rows += [links(post_id=event.pk, topic_id=water.pk)]
    links.objects.bulk_create(rows)

    item = Attachment(
        post=event,
        title="Agenda of the roundtable",
        filename="roundtable-agenda.pdf",
        content_type="application/pdf",
    )
    data = simple_pdf(["Agenda of the roundtable", "14:00 Welcome", "14:15 Discussion"])
    item.size = len(data)
    item.file.save(item.filename, ContentFile(data), save=False)
    item.save()
    bump_content_version()
    return Board(
        water=water,
        transport=transport,
        health=health,
        event=event,
        expired_notice=expired,
        pinned_notice=pinned,
        withdrawn=withdrawn,
        attachment=item,
    )
