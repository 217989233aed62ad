"""`bulletin import feed`: RSS and Atom with their archive pages (RFC 5005), and JSON
Feed, fetched from a local web server or read from a file."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command

from bulletin.images.models import Image
from bulletin.imports.models import ImportedPost
from bulletin.posts.interchange import dump
from bulletin.posts.models import Post
from tests.imports.conftest import FILES, pdf, png

pytestmark = pytest.mark.django_db


def run(address: str, *args) -> tuple[str, dict]:
    out = io.StringIO()
    call_command("import", "feed", address, *args, stdout=out, stderr=io.StringIO())
    saved = out.getvalue().rsplit("Report: ", 1)[1].strip()
    return out.getvalue(), json.loads(Path(saved).read_text())


@pytest.fixture
def feed_site(tmp_path, serve) -> str:
    folder = tmp_path / "feeds"
    shutil.copytree(FILES / "feeds", folder)
    (folder / "files").mkdir()
    (folder / "files/pool.png").write_bytes(png("aqua"))
    (folder / "files/hours.pdf").write_bytes(pdf())
    (folder / "files/minutes.pdf").write_bytes(pdf())
    return serve(folder)


def post(source_id: str) -> Post:
    return ImportedPost.objects.get(source="feed", source_id=source_id).post


def test_an_rss_feed_is_imported_with_its_whole_archive(now, feed_site):
    _text, report = run(f"{feed_site}/rss.xml")
    assert report["other_counts"]["feed pages read"] == 3
    # Five entries over three pages, one of them on two pages: four posts.
    assert report["counts"]["created"] == 4
    assert Post.objects.count() == 4
    pool = post("lakeside-news-2024-031")
    assert pool.title == "Swimming pool reopens with a new roof"
    assert pool.published_at.isoformat() == "2024-03-04T08:00:00+00:00"
    assert set(pool.topics.values_list("name", flat=True)) == {"Sport", "Buildings"}
    assert pool.summary == "The pool is open again."
    assert pool.language == "en"


def test_documents_and_enclosures_become_attachments_and_images_library_images(
    now, feed_site, client
):
    run(f"{feed_site}/rss.xml")
    pool = post("lakeside-news-2024-031")
    files = {a.filename: a for a in pool.attachments.all()}
    assert set(files) == {"hours.pdf", "minutes.pdf"}
    soup = BeautifulSoup(pool.body, "html.parser")
    image = Image.objects.get(pk=soup.select_one("img")["data-file"])
    assert image.alt_for("en") == "The new roof"
    assert soup.select_one("a")["href"] == files["hours.pdf"].get_absolute_url()
    assert client.get(files["minutes.pdf"].get_absolute_url()).status_code == 200


def test_an_atom_feed_follows_its_next_pages(now, feed_site):
    _text, report = run(f"{feed_site}/atom.xml")
    assert report["counts"]["created"] == 2
    dredging = post("tag:harbour.example,2024:notice-77")
    assert dredging.title == "Dredging of the outer basin & channel"
    assert "<script" not in dredging.body and "alert" not in dredging.body
    assert "7 to 25 October" in dredging.body
    assert dredging.author.username == "port-captain"
    quay = post("tag:harbour.example,2024:notice-70")
    assert "Quay 4 is closed" in quay.body


def test_importing_a_feed_twice_gives_the_same_site(now, feed_site):
    run(f"{feed_site}/rss.xml")
    first = io.StringIO()
    dump(first)
    _text, report = run(f"{feed_site}/rss.xml")
    assert report["counts"] == {
        "created": 0,
        "updated": 0,
        "unchanged": 4,
        "skipped": 0,
        "failed": 0,
    }
    again = io.StringIO()
    dump(again)
    assert again.getvalue() == first.getvalue()


def test_the_entries_old_addresses_redirect(now, feed_site, client):
    run(f"{feed_site}/rss.xml")
    pool = post("lakeside-news-2024-031")
    moved = client.get("/news/2024/swimming-pool-reopens.html")
    assert (moved.status_code, moved["Location"]) == (301, pool.get_absolute_url())
    gritting = post("lakeside-news-2023-388")
    moved = client.get("/news.php?section=roads&id=388")
    assert (moved.status_code, moved["Location"]) == (301, gritting.get_absolute_url())


def test_a_feed_file_and_a_json_feed_are_read_from_disk(now):
    _, report = run(str(FILES / "feeds" / "feed.json"))
    assert report["counts"]["created"] == 2
    calendar = post("https://schools.valley.example/n/12")
    assert (calendar.title, calendar.language) == ("Calendario escolar 2025", "es")
    assert calendar.published_at.isoformat() == "2024-06-20T08:00:00+00:00"
    _text, report = run(str(FILES / "feeds" / "rss-2022.xml"))
    assert (
        post("lakeside-news-2022-101").title == "Nouvelle bibliothèque : l’inauguration"
    )


def test_a_malformed_feed_stops_before_writing_anything(now, feed_site, tmp_path):
    with pytest.raises(CommandError, match="not well-formed XML"):
        run(str(FILES / "feeds" / "malformed.xml"))
    broken = tmp_path / "rss.xml"
    broken.write_text(
        (FILES / "feeds" / "rss.xml")
        .read_text()
        .replace("rss-2023.xml", f"{feed_site}/malformed.xml")
    )
    with pytest.raises(CommandError, match=r"malformed\.xml"):
        run(str(broken))  # a bad archive page stops the run before anything is written
    assert Post.objects.count() == 0


def test_an_unreachable_feed_is_a_clear_error(now):
    with pytest.raises(CommandError, match="cannot fetch"):
        run("http://127.0.0.1:9/feed.xml", "--timeout", "2")


def test_a_file_over_the_upload_limit_is_reported_and_the_entry_kept(
    now, feed_site, settings
):
    settings.BULLETIN_MAX_UPLOAD_MB = 200 / (1024 * 1024)  # 200 bytes
    _text, report = run(f"{feed_site}/rss.xml")
    assert any(
        "minutes.pdf" in p and "larger than 200 bytes" in p for p in report["problems"]
    )
    assert post("lakeside-news-2024-031").attachments.count() == 0
    assert report["counts"]["created"] == 4


def test_a_linked_hwp_document_is_brought_over_as_the_page_importer_does(
    now, tmp_path, serve
):
    """HWP is refused by the upload check, so the report names the file the site
    still links, as it does for a board crawled page by page."""
    folder = tmp_path / "hwp"
    folder.mkdir()
    (folder / "plan.hwp").write_bytes(b"HWP Document File" + b"\0" * 64)
    (folder / "rss.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        "<title>Board</title><link>https://board.example/</link>"
        "<description>Notices</description><item><title>Plan</title>"
        "<guid isPermaLink='false'>plan-1</guid>"
        "<pubDate>Mon, 04 Mar 2024 09:00:00 +0000</pubDate>"
        "<description><![CDATA[<p>See the <a href='plan.hwp'>plan</a>.</p>]]>"
        "</description></item></channel></rss>"
    )
    _text, report = run(f"{serve(folder)}/rss.xml")
    assert report["counts"]["created"] == 1
    assert any("plan.hwp" in problem for problem in report["problems"])
