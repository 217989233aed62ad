"""A reader browses the board in Chromium: filters, pages, Prev/Next/LIST, downloads."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.board import WATER_NEWS

pytestmark = pytest.mark.browser


def test_filter_page_three_and_walk_prev_next_back_to_the_same_list_page(
    board, open_page
):
    page = open_page()
    page.goto(reverse("public:list"))
    pinned = page.get_by_role("region", name="Pinned notices")
    expect(pinned.get_by_role("link", name=board.pinned_notice.title)).to_be_visible()
    # Only the pinned notice says "Pinned", not every post below it.
    expect(page.locator("main").get_by_text("Pinned", exact=True)).to_have_count(1)

    page.get_by_label("Kind").select_option(label="News")
    page.get_by_label("Topic").select_option(label=board.water.name)
    page.get_by_role("button", name="Apply").click()
    filtered = reverse(
        "public:list", kwargs={"kind": "news", "topic": board.water.slug}
    )
    # The filter form lands on the list's clean address, not a query string.
    expect(page).to_have_url(re.compile(re.escape(filtered) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"News – {board.water.name}"
    )

    pages = page.get_by_role("navigation", name="Pages")
    pages.get_by_role("link", name="Page 3", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(f"{filtered}?page=3") + "$"))
    titles = page.locator("main ol.post-list h3 a")
    expect(titles).to_have_count(WATER_NEWS - 40)
    first, second = titles.nth(0).inner_text(), titles.nth(1).inner_text()

    titles.nth(0).click()
    expect(page).to_have_url(re.compile(re.escape(filtered) + r"posts/[-\w]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(first)

    browse = page.get_by_role("navigation", name="Browse posts")
    browse.get_by_role("link", name=re.compile(r"^Next")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(second)
    browse.get_by_role("link", name=re.compile(r"^Prev")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first)

    browse.get_by_role("link", name="LIST").click()
    expect(page).to_have_url(re.compile(re.escape(f"{filtered}?page=3") + "$"))
    expect(page.get_by_label("Kind")).to_have_value("news")
    expect(page.get_by_label("Topic")).to_have_value(board.water.slug)
    expect(page.locator("main ol.post-list h3 a").first).to_have_text(first)


def test_event_page_offers_its_calendar_file_and_its_documents(
    board, open_page, tmp_path
):
    page = open_page()
    page.goto(reverse("public:list", kwargs={"kind": "events"}))
    page.get_by_role("link", name=board.event.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(board.event.title)
    details = page.get_by_role("region", name="Event details")
    expect(details).to_contain_text(board.event.event_location)

    with page.expect_download() as download_info:
        details.get_by_role("link", name="Add to calendar").click()
    ics = Path(download_info.value.path()).read_bytes()
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == board.event.title
    assert event.decoded("DTSTART") == board.event.event_start
    assert event.decoded("DTEND") == board.event.event_end
    # The place comes first; the joining link follows for clients that ignore URL.
    assert str(event["LOCATION"]) == (
        f"{board.event.event_location} · {board.event.event_online_url}"
    )
    assert str(event["URL"]) == board.event.event_online_url

    documents = page.get_by_role("region", name="Documents")
    with page.expect_download() as download_info:
        documents.get_by_role("link", name=board.attachment.title).click()
    download = download_info.value
    assert download.suggested_filename == "roundtable-agenda.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-1.4")
    assert saved.stat().st_size == board.attachment.size


def test_an_expired_notice_says_so_and_stays_reachable_from_its_year(board, open_page):
    page = open_page()
    page.goto(board.expired_notice.get_absolute_url())
    expect(page.get_by_role("note")).to_contain_text("This notice has expired.")
    page.get_by_role("navigation", name="Browse posts").get_by_role(
        "link", name="LIST"
    ).click()
    year = str(board.expired_notice.published_at.year)
    expect(page).to_have_url(
        re.compile(re.escape(reverse("public:list", kwargs={"year": year})))
    )
    expect(page.get_by_role("link", name=board.expired_notice.title)).to_be_visible()
