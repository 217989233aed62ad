"""The JSON Lines interchange format: a lossless round trip and all-or-nothing loading."""

import base64
import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from bulletin.posts.interchange import LoadError, dump, load
from bulletin.posts.models import Attachment, ChangeNote, Kind, Post, Status, Topic
from tests.posts.test_uploads import pdf_bytes

pytestmark = pytest.mark.django_db


def line(**fields) -> str:
    values = {
        "id": "ext-1",
        "kind": "notice",
        "title": "Call for applications",
        "summary": "Apply by 1 July",
        "body_html": "<p>Apply now.</p>",
        "language": "en",
        "status": "published",
        "published_at": "2026-06-01T09:00:00+02:00",
        "topics": ["Education"],
    }
    values.update(fields)
    return json.dumps(values)


def dumped() -> list[dict]:
    out = io.StringIO()
    dump(out)
    return [json.loads(row) for row in out.getvalue().splitlines()]


def dump_text() -> str:
    out = io.StringIO()
    dump(out)
    return out.getvalue()


def test_dump_then_load_into_an_empty_site_is_byte_identical(
    now, make_post, make_topic, make_attachment, django_user_model
):
    author = django_user_model.objects.create(username="editor")
    event = make_post(
        kind=Kind.EVENT, title="Roundtable", author=author,
        topics=[make_topic("Governance", names={"fr": "Gouvernance", "ko": "거버넌스"}),
                make_topic("Water")],
        event_start=now + timedelta(days=3), event_end=now + timedelta(days=3, hours=2),
        event_timezone="Asia/Seoul", event_location="City Hall", event_online_url="https://meet.example.org/r",
    )  # fmt: skip
    agenda = pdf_bytes()
    make_attachment(event, title="Agenda", filename="agenda.pdf", data=agenda)
    make_attachment(event, title="Figures", filename="figures.csv",
                    content_type="text/csv", data=b"a,b\n1,2\n", position=1)  # fmt: skip
    ChangeNote.objects.create(post=event, noted_at=now, note="Room changed")
    make_post(
        kind=Kind.EVENT, language="fr", title="Table ronde",
        translation_group=event.translation_group,
        event_start=event.event_start, event_timezone="Asia/Seoul",
    )  # fmt: skip
    make_post(
        kind=Kind.NOTICE,
        pinned_until=now + timedelta(days=1),
        expires_at=now + timedelta(days=9),
    )
    make_post(status=Status.DRAFT, published_at=None, title="Unfinished")
    make_post(
        status=Status.WITHDRAWN, withdrawn_at=now, withdrawal_note="Published in error"
    )
    before = dump_text()

    Post.objects.all().delete()
    Topic.objects.all().delete()
    assert load(io.StringIO(before)) == 5

    assert dump_text() == before
    assert Topic.objects.get(name="Governance").name_in("fr") == "Gouvernance"
    assert Topic.objects.get(name="Water").names == {}
    restored = Post.objects.get(title="Roundtable")
    assert restored.attachments.first().file.read() == agenda
    assert restored.author == author
    assert Post.objects.get(title="Table ronde").translation_group == (
        event.translation_group
    )


def test_reloading_an_unchanged_dump_into_the_same_site_changes_nothing(
    now, time_machine, make_post, make_attachment
):
    post = make_post(title="Budget hearing", slug="budget-hearing")
    make_attachment(post, title="Budget", filename="budget.pdf", data=pdf_bytes())
    before = dump_text()
    time_machine.move_to(now + timedelta(hours=5), tick=False)
    assert load(io.StringIO(before)) == 1
    assert dump_text() == before
    post.refresh_from_db()
    assert (Post.objects.count(), post.version) == (1, 1)


def test_an_edited_line_without_a_slug_updates_its_post_and_keeps_the_address(
    now, make_post
):
    post = make_post(title="Road works", slug="road-works")
    row = dumped()[0]
    del row["slug"]
    row["title"] = "Road works on Main Street"
    load([json.dumps(row)])
    post.refresh_from_db()
    assert Post.objects.count() == 1
    assert (post.title, post.slug) == ("Road works on Main Street", "road-works")


def test_ids_of_site_posts_and_loaded_posts_never_collide(now, make_post):
    # A post written on the site, then a line from elsewhere whose id is that
    # post's database id.
    post = make_post(title="Written here")
    load([line(id=str(post.pk), title="From elsewhere")])
    rows = dumped()
    assert len({row["id"] for row in rows}) == 2
    Post.objects.all().delete()
    assert load([json.dumps(row) for row in rows]) == 2


def test_loading_the_same_id_again_updates_and_never_duplicates(now):
    load([line()])
    load(
        [
            line(
                title="Call for applications (extended)",
                topics=["Education", "Culture"],
            )
        ]
    )
    post = Post.objects.get()
    assert post.title == "Call for applications (extended)"
    assert sorted(t.name for t in post.topics.all()) == ["Culture", "Education"]
    assert post.external_id == "ext-1"


def test_a_file_with_a_bad_line_loads_nothing_and_names_each_bad_line(now):
    good = line(id="a")
    lines = [
        good,
        "{not json",
        line(id="c", kind="poem"),
        line(id="d", published_at="2026-06-01T09:00:00"),
        line(id="e", kind="event", event={"start": "2026-06-01T10:00:00+00:00", "end": "2026-06-01T09:00:00+00:00"}),
        line(id="f", attachments=[{"title": "x", "filename": "../x.pdf", "content_type": "application/pdf", "data_base64": "!!"}]),
        line(id="a"),
        "[1, 2]",
    ]  # fmt: skip
    with pytest.raises(LoadError) as raised:
        load(lines)
    bad = {n for n, _ in raised.value.problems}
    assert bad == {2, 3, 4, 5, 6, 7, 8}
    reasons = {}
    for n, why in raised.value.problems:
        reasons[n] = reasons.get(n, "") + why + "; "
    assert "kind: Value 'poem' is not a valid choice." in reasons[3]
    assert "UTC offset" in reasons[4]
    assert "event.end: The event ends before it starts." in reasons[5]
    assert "already on line 1" in reasons[7]
    assert not Post.objects.exists()


def test_bodies_are_sanitised_on_load(now):
    load(
        [line(body_html='<p>ok</p><script>alert(1)</script><img src=x onerror="y()">')]
    )
    body = Post.objects.get().body
    assert "script" not in body and "onerror" not in body


def test_attachments_load_from_base64(now):
    data = b"district,value\nNorth,3\n"
    load([line(attachments=[{"title": "Figures", "filename": "figures.csv", "content_type": "text/csv",
                             "data_base64": base64.b64encode(data).decode()}])])  # fmt: skip
    item = Attachment.objects.get()
    assert (item.filename, item.size, item.file.read()) == (
        "figures.csv",
        len(data),
        data,
    )


def test_the_load_command_reports_bad_lines_and_changes_nothing(tmp_path, now):
    path = tmp_path / "posts.jsonl"
    path.write_text(line() + "\n" + line(id="2", status="gone") + "\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load", str(path), stderr=err)
    assert "line 2: status: Value 'gone' is not a valid choice." in err.getvalue()
    assert not Post.objects.exists()


def test_the_load_command_refuses_a_file_that_is_not_utf8(tmp_path, now):
    path = tmp_path / "posts.jsonl"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("load", str(path))


def test_dump_command_writes_a_file_the_load_command_reads(tmp_path, make_post):
    make_post(title="Round trip")
    path = tmp_path / "out.jsonl"
    call_command("dump", str(path), stderr=io.StringIO())
    Post.objects.all().delete()
    call_command("load", str(path), stdout=io.StringIO())
    assert Post.objects.get().title == "Round trip"


@pytest.mark.parametrize("zone", ["Seoul", "Mars/Olympus", "../../etc/localtime"])
def test_load_refuses_a_zone_not_in_the_iana_list(now, zone):
    event = {"start": "2026-12-04T11:00:00+09:00", "timezone": zone}
    with pytest.raises(LoadError) as refused:
        load([line(kind="event", event=event)])
    assert refused.value.problems == [
        (1, f"event.timezone: “{zone}” is not a time zone. Choose one from the list.")
    ]
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"kind": "event", "event": {"start": "2026-12-04T11:00:00+09:00",
                                     "end": "2026-12-04T10:00:00+09:00"}},
         "event.end: The event ends before it starts."),
        ({"kind": "news", "event": {"start": "2026-12-04T11:00:00+09:00"}},
         "event: only an event post has one, not a news post"),
        ({"kind": "news", "pinned_until": "2026-07-01T09:00:00+00:00"},
         "pinned_until: Only notices can be pinned or expire."),
        ({"kind": "notice", "pinned_until": "2026-07-10T09:00:00+00:00",
          "expires_at": "2026-07-01T09:00:00+00:00"},
         "expires_at: The notice would expire before its pin ends."),
    ],
)  # fmt: skip
def test_load_refuses_contradicting_dates_with_the_models_own_message(
    now, fields, message
):
    with pytest.raises(LoadError) as refused:
        load([line(**fields)])
    assert refused.value.problems == [(1, message)]


def test_a_topic_renamed_in_another_language_by_a_line_is_renamed(make_topic):
    water = make_topic("Water", names={"fr": "Eau"})
    load([line(topics=["Water"], topic_names={"Water": {"fr": "Eau potable"}})])
    water.refresh_from_db()
    assert water.names == {"fr": "Eau potable"}


@pytest.mark.parametrize(
    "names, message",
    [
        (["Eau"], "topic_names must map each topic to its names by language"),
        ({"Energy": {"fr": "Énergie"}}, "topic_names: 'Energy' is not one of the topics"),
        ({"Water": {"xx": "Eau"}}, "topic_names: 'Water' names languages the site "
         "does not offer besides its own: xx"),
        ({"Water": {"fr": 3}}, "topic_names: 'Water' must map languages to names"),
    ],
)  # fmt: skip
def test_load_refuses_topic_names_it_cannot_keep(names, message):
    with pytest.raises(LoadError) as refused:
        load([line(topics=["Water"], topic_names=names)])
    assert refused.value.problems == [(1, message)]
    assert not Post.objects.exists() and not Topic.objects.exists()
