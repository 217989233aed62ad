"""A file loaded in bulk gives the very site that saving its posts one by one gives.

New posts are written in batches (`posts.bulk`) with their derived data done for the
batch: search entries, moments, the days whose list counts change, old addresses.
Each test compares against `load(..., one_by_one=True)`, where every post goes
through `Post.save()` and its signals.
"""

from __future__ import annotations

import base64
import io
import json
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command

from bulletin.posts.interchange import LoadError, dump, load
from bulletin.posts.listing import PostList, page_keys
from bulletin.posts.models import ChangedDay, ContentVersion, Kind, Post, Topic
from bulletin.posts.pdf import simple_pdf
from bulletin.redirects.models import Redirect
from bulletin.scheduling.models import ScheduledMoment
from bulletin.search.models import SearchEntry
from bulletin.search.query import parse
from bulletin.search.searching import Filters, find

pytestmark = pytest.mark.django_db

WORDS = ["harbour", "library", "budget", "lighthouse", "consultation"]
QUERIES = [
    "harbour",
    "library budget",
    "lighthouse",
    "consultation -harbour",
    "minutes",
]


def lines(now, count: int = 60) -> list[str]:
    """A file with every kind and state: drafts, scheduled, withdrawn, expiring,
    events, files (PDF and CSV), change notes, authors, posts without a slug."""
    out = []
    for n in range(count):
        kind = (Kind.NEWS, Kind.NOTICE, Kind.EVENT)[n % 3]
        at = now - timedelta(days=n % 9, hours=n)
        status = "published"
        if n % 11 == 0:
            status = "draft"
        elif n % 13 == 0:
            status = "withdrawn"
        elif n % 7 == 0:
            at = now + timedelta(hours=n)  # scheduled
        record = {
            "id": f"ext-{n}",
            "kind": kind,
            "title": f"{WORDS[n % 5].title()} news {n % 4}",
            "summary": f"About the {WORDS[(n + 1) % 5]} and the {WORDS[(n + 2) % 5]}.",
            "body_html": f"<p>Read the <b>{WORDS[(n + 3) % 5]}</b> report.</p>",
            "language": "en" if n % 6 else "fr",
            "status": status,
            "published_at": None if status == "draft" else at.isoformat(),
            "topics": [["Transport"], ["Health", "Culture"], []][n % 3],
            "author": f"editor{n % 2}" if n % 4 else None,
            "translation_group": str(uuid.UUID(int=n + 1)),
        }
        if n % 5:
            record["slug"] = f"post-{n}"  # the others get one from their title
        if status == "withdrawn":
            record["withdrawn_at"] = now.isoformat()
            record["withdrawal_note"] = "Published in error."
        if kind == Kind.NOTICE and n % 2:
            record["expires_at"] = (now + timedelta(days=n)).isoformat()
        if kind == Kind.EVENT:
            record["event"] = {
                "start": (now + timedelta(days=n)).isoformat(),
                "end": (now + timedelta(days=n, hours=2)).isoformat(),
                "timezone": "Europe/Zurich",
                "location": "Town Hall",
            }
        if n % 8 == 0:
            pdf = simple_pdf([f"Minutes {n}", "", "The harbour board met."])
            record["attachments"] = [
                {"title": "Minutes", "filename": f"minutes-{n}.pdf",
                 "content_type": "application/pdf",
                 "data_base64": base64.b64encode(pdf).decode()},
                {"title": "Figures", "filename": "figures.csv", "content_type": "text/csv",
                 "data_base64": base64.b64encode(b"a,b\n1,2\n").decode()},
            ]  # fmt: skip
        if n % 10 == 3:
            record["change_notes"] = [{"date": now.isoformat(), "note": "Corrected."}]
        out.append(json.dumps(record))
    return out


def site() -> dict:
    """What readers and staff can tell about the site, by interchange id."""
    ids = dict(Post.objects.values_list("pk", "external_id"))
    out = io.StringIO()
    dump(out)
    version = ContentVersion.objects.get(pk=1).value
    return {
        "dump": out.getvalue(),
        "search": {
            q: [ids[pk] for pk in find(parse(q), Post.objects.public()).ids]
            for q in QUERIES
        },
        "staff search": {
            q: [
                ids[pk]
                for pk in find(parse(q), Filters().apply(Post.objects.all())).ids
            ]
            for q in QUERIES
        },
        "indexed": SearchEntry.objects.count(),
        "lists": [
            sorted(page_keys(post_list).by_day.items())
            for post_list in (
                PostList(language="en"),
                PostList(language="fr"),
                PostList(language="en", kind=Kind.NOTICE),
                PostList(
                    language="en", topic=Topic.objects.filter(name="Health").first()
                ),
            )
        ],
        "moments": sorted(
            (ids[m.post_id], m.moment, m.due_at, m.state)
            for m in ScheduledMoment.objects.all()
        ),
        "days marked": sorted(
            ChangedDay.objects.filter(version=version).values_list("day", flat=True)
        ),
        "redirects": sorted(Redirect.objects.values_list("old_path", "post_id")),
    }


def empty_the_site() -> None:
    Post.objects.all().delete()
    Topic.objects.all().delete()
    Redirect.objects.all().delete()
    ChangedDay.objects.all().delete()


def test_a_bulk_load_gives_the_site_that_saving_one_by_one_gives(now):
    file = lines(now)
    assert load(file, one_by_one=True) == 60
    one_by_one = site()
    empty_the_site()
    assert load(file) == 60
    assert site() == one_by_one
    assert one_by_one["moments"]  # scheduled and expiring posts owe moments
    assert one_by_one["search"]["minutes"]  # found by their PDF's text


def test_loading_into_a_site_that_has_posts_keeps_them_and_their_index(now, make_post):
    def fill() -> None:
        for n, title in enumerate(["Harbour notice", "Library budget"]):
            make_post(
                title=title,
                summary=title,
                body=f"<p>{title}</p>",
                external_id=f"own-{n}",
                translation_group=uuid.UUID(int=1000 + n),
                published_at=now - timedelta(days=n),
            )

    fill()
    load(lines(now), one_by_one=True)
    one_by_one = site()
    empty_the_site()
    fill()
    load(lines(now))
    bulk = site()
    for result in (one_by_one, bulk):
        result.pop("redirects")  # the first fill's deletion left 410s behind
    assert bulk == one_by_one


def test_a_bulk_loaded_post_takes_back_an_address_that_answered_gone(now, make_post):
    gone = make_post(slug="post-1")
    path = f"/en/posts/{gone.slug}"
    gone.delete()
    assert Redirect.objects.filter(old_path__startswith=path).exists()
    load(lines(now, count=3))
    assert not Redirect.objects.filter(old_path__startswith=path).exists()


def test_a_bulk_load_raises_the_content_version_once(now):
    before = ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first()
    load(lines(now))
    assert ContentVersion.objects.get(pk=1).value == (before or 0) + 1


def test_a_line_the_database_refuses_is_named_and_nothing_is_written(now, make_post):
    file = lines(now, count=30)
    # A slug the checks cannot see taken: another line's post gets it from its title.
    taken = json.loads(file[0])  # a draft without a slug: "Harbour news 0"
    clash = json.loads(file[7])
    clash["slug"] = "harbour-news-0"
    clash["language"] = taken["language"]
    file[7] = json.dumps(clash)
    before = site()
    with pytest.raises(LoadError) as error:
        load(file)
    assert [n for n, _ in error.value.problems] == [8]
    assert site() == before


def test_load_command_reports_each_bad_line_and_writes_nothing(now, tmp_path):
    file = lines(now, count=5)
    file[1] = "{not json"
    file[3] = json.dumps({**json.loads(file[3]), "kind": "poem"})
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(file) + "\n")
    err = io.StringIO()
    with pytest.raises(Exception, match="2 problem"):
        call_command("load", str(path), stderr=err, stdout=io.StringIO())
    assert "line 2:" in err.getvalue() and "line 4:" in err.getvalue()
    assert not Post.objects.exists()


def test_every_app_following_post_saves_follows_bulk_creation_too():
    from django.db.models.signals import post_save

    from bulletin.posts.signals import posts_created_in_bulk

    def apps(signal) -> set[str]:
        sync, _async = signal._live_receivers(Post)
        return {receiver.__module__.rsplit(".", 1)[0] for receiver in sync}

    # A new post has no share links to revoke (editorial's receiver).
    assert apps(post_save) - {"bulletin.editorial"} <= apps(posts_created_in_bulk)
