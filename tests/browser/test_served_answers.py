"""Under `bulletin serve`, real clients read what they asked for, however it is sent.

Chromium, feedparser and a calendar parser each ask for gzip as they do in the
field; the page cache answers them compressed (`bulletin.public.compression`), and
each must read exactly what a client that asked for nothing reads. Static files are
answered before Django (`bulletin.public.staticfiles`), as Chromium loads them.
"""

import gzip
import os
import subprocess
import urllib.request

import feedparser
import icalendar
import pytest

from tests.server.test_commands import BULLETIN, free_port
from tests.server.test_serve_lifecycle import answers, wait_until

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One `bulletin serve` for these tests, on a site of its own."""
    data = tmp_path_factory.mktemp("served")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "BULLETIN_CACHE_URL")
    }
    env.update(
        BULLETIN_DATA_DIR=str(data),
        BULLETIN_SECRET_KEY="served-test",
        BULLETIN_SERVER_TIMING="1",
    )
    subprocess.run([BULLETIN, "migrate", "-v0"], env=env, check=True)
    # Enough posts for the calendar to hold events, and every page to be worth gzip.
    subprocess.run([BULLETIN, "seed", "--posts", "200"], env=env, check=True)
    port = free_port()
    log = data / "serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [BULLETIN, "serve", "--port", str(port), "--workers", "1",
             "--no-worker", "--no-migrate"],
            env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_until(lambda: answers(port), 90, "the server did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def fetch(url: str, **headers: str) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback)
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


# Server-Timing is sent by Django's middleware on what it renders; a kept page
# goes out without it. Each client below asks first, so it meets both paths: on
# pages the master's warm-up did not serve (it serves one of each kind, see
# `bulletin.server.warmup`), so their first view is rendered here.
RENDERED, KEPT = "rendered by the site", "from the page cache"


def test_chromium_reads_the_gzipped_list_page(served, browser):
    bodies = []
    for visit in (RENDERED, KEPT):
        # A new reader each time: the first one's browser keeps the page a minute.
        context = browser.new_context()
        page = context.new_page()
        response = page.goto(served + "/en/?page=3")
        assert response.status == 200, visit
        assert response.headers.get("content-encoding") == "gzip", visit
        assert ("server-timing" in response.headers) is (visit == RENDERED)
        assert page.get_by_role("heading", level=1).count() == 1
        bodies.append(response.body())
        context.close()
    _, plain = fetch(served + "/en/?page=3")
    assert bodies == [plain, plain]


def test_feed_readers_and_calendar_clients_read_the_gzipped_answers(served):
    feed_url = served + "/en/news/feed.atom"
    reads = []
    for visit in (RENDERED, KEPT):
        read = feedparser.parse(feed_url)  # asks for gzip, as it does in the field
        assert read.headers.get("content-encoding") == "gzip", visit
        assert ("server-timing" in read.headers) is (visit == RENDERED)
        assert not read.bozo, read.get("bozo_exception")
        reads.append([e.title for e in read.entries])
    plain = feedparser.parse(fetch(feed_url)[1])
    assert reads == [[e.title for e in plain.entries]] * 2
    assert plain.entries

    calendar_url = served + "/en/events/calendar.ics"
    headers, packed = fetch(calendar_url, **{"Accept-Encoding": "gzip"})
    assert headers["content-encoding"] == "gzip"
    assert "server-timing" not in headers  # kept since the master's warm-up
    _, raw = fetch(calendar_url)
    assert len(packed) < len(raw)
    events = icalendar.Calendar.from_ical(gzip.decompress(packed)).walk("VEVENT")
    assert events
    assert [e["UID"] for e in events] == [
        e["UID"] for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")
    ]


def test_the_pages_the_master_served_before_forking_answer_the_first_readers(served):
    # The warm-up rendered these in the master; its worker inherited them kept.
    for path in ("/en/feed.atom", "/en/?page=2"):
        headers, packed = fetch(served + path, **{"Accept-Encoding": "gzip"})
        assert headers["content-encoding"] == "gzip", path
        assert "server-timing" not in headers, f"{path} was rendered again"
        assert gzip.decompress(packed) == fetch(served + path)[1], path
    read = feedparser.parse(fetch(served + "/en/feed.atom")[1])
    assert not read.bozo and read.entries


def test_static_files_are_answered_before_django_and_load_in_chromium(served, browser):
    page = browser.new_page()
    loaded = []
    page.on("response", lambda r: loaded.append(r) if "/static/" in r.url else None)
    document = page.goto(served + "/en/?page=4")
    # Django's middleware times what it renders; this page's first view was.
    assert "server-timing" in document.headers
    page.wait_for_load_state("load")
    styles = [r for r in loaded if r.url.endswith(".css")]
    assert styles, "the page loaded no style sheet"
    for response in styles:
        assert response.status == 200
        assert "server-timing" not in response.headers, response.url
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-encoding"] in ("gzip", "br")
    # The style sheet applied: the page is not in the browser's default font.
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font and font != "Times New Roman"
    page.close()
