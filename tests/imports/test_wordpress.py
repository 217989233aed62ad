"""`bulletin import wordpress`: a real-shaped export becomes the same site every time,
with statuses, pins, topics, authors and files as WordPress had them, and its old
addresses answering 301."""

from __future__ import annotations

import io
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from bulletin.images.models import Image
from bulletin.imports.items import Item
from bulletin.imports.models import ImportedPost
from bulletin.imports.report import Report
from bulletin.imports.writing import Options, write_all
from bulletin.posts.interchange import dump
from bulletin.posts.models import Attachment, Kind, Post, Status, Topic
from tests.imports.conftest import FILES

pytestmark = pytest.mark.django_db
EXPORT = FILES / "wordpress" / "export.xml"


def run(*args, path: Path = EXPORT) -> tuple[str, dict]:
    out, err = io.StringIO(), io.StringIO()
    report = Path(args[-1]) if args and str(args[-1]).endswith(".json") else None
    call_command("import", "wordpress", str(path), *args, stdout=out, stderr=err)
    text = out.getvalue() + err.getvalue()
    saved = out.getvalue().rsplit("Report: ", 1)[1].strip()
    return text, json.loads(Path(report or saved).read_text())


def imported(wp_id: int) -> Post:
    return ImportedPost.objects.get(
        source_id=f"https://old.riverside.example#{wp_id}"
    ).post


def site() -> str:
    stream = io.StringIO()
    dump(stream)
    return stream.getvalue()


@pytest.fixture
def imported_site(now, uploads):
    return run("--uploads", str(uploads), "--no-download", "--kind", "Notices=notice")


def test_statuses_map_faithfully(imported_site):
    assert imported(101).status == Status.PUBLISHED
    assert imported(101).published_at == datetime(2024, 5, 14, 8, 30, tzinfo=UTC)
    scheduled = imported(104)  # "future": published at its time, not public before
    assert scheduled.status == Status.PUBLISHED and not scheduled.is_public()
    assert scheduled.published_at == datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
    assert (imported(103).status, imported(103).published_at) == (Status.DRAFT, None)
    assert imported(106).status == Status.IN_REVIEW
    private = ImportedPost.objects.get(source_id="https://old.riverside.example#105")
    assert private.post.status == Status.DRAFT
    assert "private" in private.notes
    assert not ImportedPost.objects.filter(source_id__endswith="#107").exists()  # trash


def test_a_sticky_post_in_the_mapped_category_is_a_pinned_notice(imported_site, now):
    notice = imported(102)
    assert notice.kind == Kind.NOTICE
    assert notice.is_pinned(now)
    assert imported(101).kind == Kind.NEWS and not imported(101).is_pinned(now)


def test_nested_categories_and_tags_become_topics(imported_site):
    harbour = imported(101)
    assert set(harbour.topics.values_list("name", flat=True)) == {
        "Water & drains",
        "Town services",  # the parent category of Water & drains
        "Harbour",
    }
    assert Topic.objects.filter(name="Town services").count() == 1


def test_the_body_is_cleaned_the_way_wordpress_shows_it(imported_site, client):
    harbour = imported(101)
    assert "wp:paragraph" not in harbour.body
    assert "[caption" not in harbour.body and "[contact-form-7" not in harbour.body
    soup = BeautifulSoup(harbour.body, "html.parser")
    paragraphs = [p.get_text(" ", strip=True) for p in soup.select("p")]
    assert paragraphs[0].startswith("The harbour is open again")
    assert soup.select_one("p br") is not None  # a single newline is a line break
    assert soup.select_one("figure figcaption").get_text(strip=True) == (
        "The repaired quay wall, May 2024"
    )
    assert "small boats   12" in soup.select_one("pre").get_text()
    # CDATA's "]]]]><![CDATA[>" escape is WordPress's way of writing "]]>".
    assert "Code that says ]]> stays text." in paragraphs
    assert harbour.summary == "The harbour is open again."
    bins = imported(102)
    assert bins.summary.startswith("From July, bins are collected on Tuesdays")


def test_images_come_from_the_uploads_copy_into_the_media_library(
    imported_site, client
):
    harbour = imported(101)
    assert harbour.attachments.count() == 0  # an image in the text is no document
    img = BeautifulSoup(harbour.body, "html.parser").select_one("figure img")
    image = Image.objects.get(pk=img["data-file"])
    assert image.content_type == "image/png"
    assert image.alt_for("en") == "The repaired quay"
    assert client.get(img["src"]).status_code == 200
    page = BeautifulSoup(client.get(harbour.get_absolute_url()).content, "html.parser")
    shown = page.select_one(".post__body figure img")
    assert shown["srcset"] and shown["alt"] == "The repaired quay"
    gallery = BeautifulSoup(imported(108).body, "html.parser").select("figure img")
    assert [i.get("data-file") is not None for i in gallery] == [True, False]


def test_a_file_that_cannot_be_had_is_reported_and_the_post_keeps_a_note(
    imported_site,
):
    _text, report = imported_site
    missing = [p for p in report["problems"] if "timetable.pdf" in p]
    assert missing and "not imported" in missing[0]
    record = ImportedPost.objects.get(source_id="https://old.riverside.example#102")
    assert "timetable.pdf" in record.notes
    assert record.post.status == Status.PUBLISHED  # the run went on
    assert any("[contact-form-7]" in p for p in report["problems"])


def test_authors_become_inactive_accounts_or_existing_ones_by_email(now, uploads):
    User = get_user_model()
    press = User.objects.create_user("comms", email="press.office@riverside.example")
    run("--uploads", str(uploads), "--no-download")
    assert imported(102).author == press
    jane = imported(101).author
    assert (jane.username, jane.email, jane.first_name) == (
        "jdoe",
        "jane.doe@riverside.example",
        "Jane",
    )
    assert not jane.is_active and not jane.has_usable_password()


def test_non_latin_and_emoji_titles_keep_their_letters(imported_site, client):
    bridge = imported(108)
    assert bridge.title == "Объявление о ремонте моста"
    assert bridge.slug == "объявление"
    festival = imported(109)
    assert festival.title == "🎉 Summer festival: 축제 and 音乐"
    assert client.get(festival.get_absolute_url()).status_code == 200


def test_the_report_counts_match_what_the_site_holds(imported_site):
    text, report = imported_site
    assert report["counts"] == {
        "created": 8,
        "updated": 0,
        "unchanged": 0,
        "skipped": 3,  # trash, a page, a menu item
        "failed": 0,
    }
    assert Post.objects.count() == 8
    assert report["other_counts"]["comments not imported"] == 2
    assert "8 created, 0 updated, 0 unchanged, 3 skipped, 0 failed" in text


def test_importing_twice_gives_the_same_site(imported_site, uploads):
    before = site()
    _text, report = run(
        "--uploads", str(uploads), "--no-download", "--kind", "Notices=notice"
    )
    assert report["counts"]["unchanged"] == 8
    assert report["counts"]["created"] == 0
    assert site() == before
    assert Image.objects.count() == 2  # kept, not fetched again


def test_a_change_at_the_source_updates_and_a_local_edit_is_kept(
    imported_site, uploads, tmp_path
):
    edited = imported(109)
    edited.title = "Summer festival (edited here)"
    edited.version += 1
    edited.save()
    changed = tmp_path / "export.xml"
    changed.write_text(
        EXPORT.read_text()
        .replace(
            "Harbour reopens after the winter works", "Harbour reopens on Saturday"
        )
        .replace("Music, food and games", "Music and food")
    )
    _text, report = run("--uploads", str(uploads), "--no-download", path=changed)
    assert report["counts"]["updated"] == 1
    assert imported(101).title == "Harbour reopens on Saturday"
    assert imported(109).title == "Summer festival (edited here)"
    (kept,) = [i for i in report["items"] if i["source_id"].endswith("#109")]
    assert kept["outcome"] == "skipped" and "edited on this site" in kept["reason"]
    run("--uploads", str(uploads), "--no-download", "--overwrite", path=changed)
    assert imported(109).title == "🎉 Summer festival: 축제 and 音乐"


def test_the_old_wordpress_addresses_redirect(imported_site, client):
    harbour = imported(101).get_absolute_url()
    for old in (
        "/2024/05/harbour-reopens/",
        "/?p=101",
        "/2024/05/harbour-reopens",
        "/2024/05/harbour-reopens/harbour/",  # the page of the post's image
        "/?attachment_id=201",
    ):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, harbour), old
    bridge = client.get(
        "/2024/08/%d0%be%d0%b1%d1%8a%d1%8f%d0%b2%d0%bb%d0%b5%d0%bd%d0%b8%d0%b5/"
    )
    assert bridge.status_code == 301
    assert client.get(bridge["Location"]).status_code == 200
    assert client.get("/?p=103").status_code != 301  # a draft's address stays unknown


def test_a_deleted_post_is_not_brought_back_by_the_next_run(imported_site, uploads):
    imported(109).delete()
    _text, report = run("--uploads", str(uploads), "--no-download")
    (item,) = [i for i in report["items"] if i["source_id"].endswith("#109")]
    assert item["outcome"] == "skipped" and "deleted on this site" in item["reason"]
    assert not Post.objects.filter(title__startswith="🎉").exists()


def test_a_dry_run_says_what_would_happen_and_writes_nothing(now, uploads):
    text, report = run("--uploads", str(uploads), "--no-download", "--dry-run")
    assert "would be created: Harbour reopens after the winter works" in text
    assert "would be skipped: Old spam post" in text
    assert report["dry_run"] is True and report["counts"]["created"] == 8
    assert Post.objects.count() == 0
    assert Attachment.objects.count() == 0 and Image.objects.count() == 0
    assert get_user_model().objects.count() == 0


def test_a_malformed_export_stops_before_writing_anything(now, tmp_path):
    with pytest.raises(CommandError, match="not well-formed XML"):
        run(path=FILES / "wordpress" / "malformed.xml")
    assert Post.objects.count() == 0


def test_entity_expansion_is_refused(now):
    with pytest.raises(CommandError, match="refused"):
        run(path=FILES / "wordpress" / "entities.xml")
    assert Post.objects.count() == 0


def test_a_file_that_is_not_a_wordpress_export_is_refused(now, tmp_path):
    other = tmp_path / "feed.xml"
    other.write_text("<rss version='2.0'><channel><title>x</title></channel></rss>")
    with pytest.raises(CommandError, match="not a WordPress export"):
        run(path=other)


def test_an_upload_that_fails_the_back_office_check_is_refused(now, uploads):
    shutil.copy(uploads / "2024/05/harbour.png", uploads / "keep.png")
    (uploads / "2024/05/harbour.png").write_bytes(
        (uploads / "keep.png").read_bytes() + b"<script>alert(1)</script>"
    )
    _text, report = run("--uploads", str(uploads), "--no-download")
    assert any("harbour.png" in p and "refused" in p for p in report["problems"])
    assert not Image.objects.exists() or "harbour" not in " ".join(
        Image.objects.values_list("title", flat=True)
    )
    assert "data-file" not in imported(101).body


def test_one_bad_item_fails_alone_and_leaves_nothing_of_itself(now):
    good = Item(source="test", source_id="1", title="Good one", body_html="<p>a</p>")
    bad = Item(
        source="test",
        source_id="2",
        title="Bad one",
        kind="bogus",
        topics=["Only the bad one has this"],
        author={"login": "bad-author"},
    )
    after = Item(source="test", source_id="3", title="After", body_html="<p>c</p>")
    report = Report("test", "memory")
    write_all([good, bad, after], Options(), report)
    assert report.counts()["created"] == 2 and report.counts()["failed"] == 1
    (failure,) = [e for e in report.entries if e.outcome == "failed"]
    assert "kind" in failure.reason
    assert not Post.objects.filter(title="Bad one").exists()
    assert not get_user_model().objects.filter(username="bad-author").exists()
    assert not ImportedPost.objects.filter(source_id="2").exists()


def test_a_slug_changed_at_the_source_leaves_the_old_address_redirecting(
    imported_site, uploads, tmp_path, client
):
    old = imported(101).get_absolute_url()
    renamed = tmp_path / "export.xml"
    renamed.write_text(
        EXPORT.read_text().replace(
            "<wp:post_name><![CDATA[harbour-reopens]]>",
            "<wp:post_name><![CDATA[harbour-open-again]]>",
        )
    )
    run("--uploads", str(uploads), "--no-download", path=renamed)
    new = imported(101).get_absolute_url()
    assert new.endswith("/posts/harbour-open-again/")
    moved = client.get(old)
    assert (moved.status_code, moved["Location"]) == (301, new)


def test_files_not_in_the_uploads_copy_are_downloaded_when_reachable(
    now, uploads, tmp_path, serve
):
    site_root = tmp_path / "site"
    shutil.copytree(uploads, site_root / "wp-content" / "uploads")
    base = serve(site_root)
    moved = tmp_path / "export.xml"
    moved.write_text(EXPORT.read_text().replace("https://old.riverside.example", base))
    _text, report = run(path=moved)
    harbour = ImportedPost.objects.get(source_id=f"{base}#101").post
    assert 'data-file="' in harbour.body
    assert any("timetable.pdf" in p and "answered 404" in p for p in report["problems"])
