"""`bulletin import pages`: a board's saved pages, or the live board crawled politely
from its list page through the posts' Prev/Next links (served here by a local web
server on 127.0.0.1)."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from bulletin.images.models import Image
from bulletin.imports.models import CrawlState, ImportedPost
from bulletin.imports.pages import Crawl, Options
from bulletin.posts.interchange import dump
from bulletin.posts.models import Post

pytestmark = pytest.mark.django_db
TITLES = {
    "Public consultation on the riverside park plan",
    "Water supply interruption on Quay Street",
    "Library opening hours over the holidays",
}


def run(address: str, *args) -> tuple[str, dict]:
    out = io.StringIO()
    call_command("import", "pages", address, *args, stdout=out, stderr=io.StringIO())
    saved = out.getvalue().rsplit("Report: ", 1)[1].strip()
    return out.getvalue(), json.loads(Path(saved).read_text())


def crawl(base: str, *args) -> tuple[str, dict]:
    return run(f"{base}/list.html", "--follow", "--delay", "0", *args)


def by_title(title: str) -> Post:
    return Post.objects.get(title=title)


def test_the_crawl_walks_the_list_and_prev_next_and_imports_each_post(
    now, board_dir, serve
):
    base = serve(board_dir)
    _text, report = crawl(base)
    assert set(Post.objects.values_list("title", flat=True)) == TITLES
    assert report["counts"]["created"] == 3 and report["counts"]["failed"] == 0
    park = by_title("Public consultation on the riverside park plan")
    assert park.published_at.date() == date(2024, 9, 15)
    assert park.status == "published"


def test_only_the_post_is_kept_not_the_boards_navigation(now, board_dir, serve):
    crawl(serve(board_dir))
    park = by_title("Public consultation on the riverside park plan")
    text = BeautifulSoup(park.body, "html.parser").get_text(" ", strip=True)
    assert text.startswith("The town council invites every resident")
    assert "31 October 2024" in text
    for chrome in ("Contact us", "Site map", "Copyright", "LIST", "Next", "Views 120"):
        assert chrome not in text, chrome
    assert "riverside park plan" not in text.split("The town council")[0]  # no title


def test_the_pages_image_and_document_become_attachments(now, board_dir, serve, client):
    crawl(serve(board_dir))
    park = by_title("Public consultation on the riverside park plan")
    (plan,) = park.attachments.all()
    assert plan.filename == "park-plan.pdf"
    assert client.get(plan.get_absolute_url()).status_code == 200
    img = BeautifulSoup(park.body, "html.parser").select_one("img")
    assert Image.objects.get(pk=img["data-file"]).alt_for("en") == (
        "Map of the planned park"
    )
    assert client.get(img["src"]).status_code == 200
    assert by_title("Water supply interruption on Quay Street").attachments.count() == 0


def test_the_boards_old_addresses_redirect(now, board_dir, serve, client):
    crawl(serve(board_dir))
    water = by_title("Water supply interruption on Quay Street")
    moved = client.get("/view.php?board=notice&no=2")
    assert (moved.status_code, moved["Location"]) == (301, water.get_absolute_url())


def test_crawling_twice_gives_the_same_site(now, board_dir, serve):
    base = serve(board_dir)
    crawl(base)
    first = io.StringIO()
    dump(first)
    _text, report = crawl(base)
    assert report["counts"]["unchanged"] == 3 and report["counts"]["created"] == 0
    again = io.StringIO()
    dump(again)
    assert again.getvalue() == first.getvalue()


def test_robots_txt_is_obeyed(now, board_dir, serve):
    (board_dir / "robots.txt").write_text("User-agent: *\nDisallow: /view.php?no=3\n")
    _text, report = crawl(serve(board_dir))
    assert "Library opening hours over the holidays" not in set(
        Post.objects.values_list("title", flat=True)
    )
    assert any("robots.txt" in item["reason"] for item in report["items"])


def test_a_stopped_crawl_resumes_where_it_stopped(now, board_dir, serve):
    base = serve(board_dir)
    crawl(base, "--max-pages", "2")  # the list and one post
    assert Post.objects.count() == 1
    state = CrawlState.objects.get()
    assert not state.finished and state.queue
    fetched_before = len(state.seen)
    _text, report = crawl(base)
    assert set(Post.objects.values_list("title", flat=True)) == TITLES
    assert report["counts"]["created"] == 2
    state.refresh_from_db()
    assert state.finished
    assert len(state.seen) == len(set(state.seen)) > fetched_before


def test_a_folder_of_saved_pages_is_imported_and_the_list_page_left_out(
    now, board_dir, client
):
    _text, report = run(str(board_dir))
    assert set(Post.objects.values_list("title", flat=True)) == TITLES
    (listing,) = [i for i in report["items"] if i["outcome"] == "skipped"]
    assert listing["reason"] == "a list page"
    record = ImportedPost.objects.get(post__title__startswith="Library")
    # The browser's "saved from" note names the page's address on the old board.
    assert record.source_id == (
        "https://board.riverside.example/notice/view.php?no=3&board=notice"
    )
    moved = client.get("/notice/view.php?no=3&board=notice")
    assert moved.status_code == 301
    park = by_title("Public consultation on the riverside park plan")
    assert [a.filename for a in park.attachments.all()] == ["park-plan.pdf"]
    assert 'data-file="' in park.body


def test_a_dry_run_of_a_crawl_writes_nothing_and_keeps_no_state(now, board_dir, serve):
    text, report = crawl(serve(board_dir), "--dry-run")
    assert "would be created: Water supply interruption on Quay Street" in text
    assert report["counts"]["created"] == 3
    assert Post.objects.count() == 0
    assert not CrawlState.objects.exists()


def test_a_crawl_delay_in_robots_txt_slows_the_crawl_down(now, board_dir, serve):
    (board_dir / "robots.txt").write_text("User-agent: *\nCrawl-delay: 7\n")
    base = serve(board_dir)
    crawl = Crawl(f"{base}/list.html", Options(), delay=0)
    assert crawl._allowed(f"{base}/view.php?no=1")
    assert crawl.delay == 7


def test_a_board_serving_list_and_posts_from_one_script_is_crawled(
    now, board_dir, serve
):
    for page in board_dir.glob("*.html"):
        html = page.read_text()
        for n in (1, 2, 3):
            html = html.replace(
                f"view.php?no={n}&amp;board=notice",
                f"board.php?board=notice&amp;no={n}",
            )
        html = html.replace('href="list.html"', 'href="board.php?board=notice"')
        html = html.replace(
            "<strong>1</strong>",
            '<strong>1</strong> <a href="board.php?board=notice&amp;page=2">2</a>',
        )
        page.write_text(html)
    base = serve(board_dir)
    _text, report = run(f"{base}/board.php?board=notice", "--follow", "--delay", "0")
    assert set(Post.objects.values_list("title", flat=True)) == TITLES
    assert report["counts"]["skipped"] == 0  # page 2 was read as a list, not a post
    assert f"{base}/board.php?board=notice&page=2" in CrawlState.objects.get().seen
