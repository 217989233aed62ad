"""The static mirror's search and list filter, in Chromium, without any Bulletin server.

The site is made by the commands an operator runs (`bulletin demo`, then
`bulletin export-static` with two worker processes) in a data directory and database
of its own, so nothing here shares data with the other browser tests. The folder is
then served by a plain static file server, and opened from disk.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.a11y import axe_violations

BULLETIN = str(Path(sys.executable).with_name("bulletin"))
POSTGRES = os.environ.get("DATABASE_URL", "")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    """ "" for SQLite in the data directory; on the PostgreSQL run, a database of its own."""
    if not POSTGRES:
        yield ""
        return
    import psycopg

    name = f"mirror_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def mirror(tmp_path_factory, database_url) -> Iterator[tuple[Path, str]]:
    """The demo site exported into a folder, and the origin a static server gives it."""
    root = tmp_path_factory.mktemp("mirror")
    folder = root / "host"
    folder.mkdir()
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder))
    )
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env.update(BULLETIN_DATA_DIR=str(root / "data"), BULLETIN_SECRET_KEY="mirror-test")
    if database_url:
        env["DATABASE_URL"] = database_url
    for command in (
        ["demo", "--posts", "40", "--no-serve"],
        ["export-static", str(folder), "--base-url", origin + "/", "--workers", "2"],
    ):
        subprocess.run(
            [BULLETIN, *command], env=env, check=True, capture_output=True, text=True
        )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, origin
    server.shutdown()
    server.server_close()


def search_index(folder: Path) -> list[list]:
    script = (folder / "en" / "search" / "posts.js").read_text()
    data = json.loads(script.removeprefix("window.BULLETIN_SEARCH=").rstrip(";\n"))
    return data["posts"]


def a_distinct_word(posts: list[list]) -> tuple[str, str]:
    """A word of one post's title that no other title or summary has, and that title."""
    for title, *_rest in posts:
        for word in sorted(title.split(), key=len, reverse=True):
            word = word.strip(".,:;!?()«»“”\"'")
            others = [
                post for post in posts if word.lower() in (post[0] + post[1]).lower()
            ]
            if len(word) > 4 and len(others) == 1:
                return word, title
    raise AssertionError("every title word is shared")


def test_searching_the_mirror_on_a_static_host_finds_and_opens_a_post(
    open_page, mirror
):
    folder, origin = mirror
    word, title = a_distinct_word(search_index(folder))
    page: Page = open_page()
    page.goto(f"{origin}/en/index.html")
    page.get_by_role("search").get_by_label("Search").fill(word)
    page.get_by_role("search").get_by_role("button", name="Search").click()

    expect(page).to_have_url(f"{origin}/en/search/index.html?q={word}")
    expect(page.get_by_role("status")).to_have_text(f"Results for “{word}”: 1")
    # Where the mirror's search falls short of the site's, the page says so.
    expect(page.get_by_text("searches the titles and summaries")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert page.url.startswith(f"{origin}/en/posts/")


def test_searching_the_mirror_opened_from_disk(open_page, mirror):
    folder, _origin = mirror
    word, title = a_distinct_word(search_index(folder))
    page: Page = open_page()
    page.goto((folder / "en" / "index.html").as_uri())
    page.get_by_role("search").get_by_label("Search").fill(f'"{word}"')
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text(f'Results for “"{word}"”: 1')

    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert page.url.startswith((folder / "en" / "posts").as_uri())


def test_a_combination_of_filters_is_listed_by_the_search_page(open_page, mirror):
    folder, origin = mirror
    posts = search_index(folder)
    events = [post for post in posts if post[4] == "event" and post[5]]
    topic = events[0][5][0]
    expected = [post for post in events if topic in post[5]]
    page: Page = open_page()
    page.goto(f"{origin}/en/index.html")
    filters = page.locator("form.filters")
    filters.get_by_label("Kind").select_option("event")
    filters.get_by_label("Topic").select_option(topic)
    filters.get_by_role("button", name="Apply").click()

    expect(page).to_have_url(f"{origin}/en/search/index.html?kind=event&topic={topic}")
    expect(page.get_by_role("status")).to_have_text(
        f"Posts with these filters, newest first: {len(expected)}"
    )
    results = page.locator(".search-results").get_by_role("link")
    expect(results).to_have_count(len(expected))
    expect(results.first).to_have_text(expected[0][0])
    assert axe_violations(page) == []

    # One filter alone is a list page of the mirror, as on the site.
    page.goto(f"{origin}/en/index.html")
    page.locator("form.filters").get_by_label("Kind").select_option("event")
    page.locator("form.filters").get_by_role("button", name="Apply").click()
    expect(page).to_have_url(f"{origin}/en/events/index.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("Event")
