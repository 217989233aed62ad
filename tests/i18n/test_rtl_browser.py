"""Checked in Chromium: Arabic mirrors the layout; the switcher keeps the reader on the post."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from bulletin.i18n.translations import public_url
from tests.browser.a11y import axe_violations, overflow
from tests.browser.conftest import browser, open_page, screenshot  # noqa: F401

pytestmark = pytest.mark.browser


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.fixture
def arabic_posts(make_post, now):
    return [
        make_post(
            language="ar",
            title=f"خبر رقم {n}",
            summary="ملخص قصير للخبر.",
            published_at=now - timedelta(hours=n + 1),
        )
        for n in range(3)
    ]


def test_arabic_mirrors_the_header_navigation_and_board_nav(open_page, arabic_posts):  # noqa: F811
    page = open_page(1280, 900)
    page.goto(public_url(arabic_posts[1]))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    # The logo is at the right edge, the language switcher at the left.
    assert box(page, ".site-logo")["x"] > box(page, ".language-switcher")["x"]
    # Section links run from right to left.
    first = box(page, ".site-nav li:nth-child(1) a")
    second = box(page, ".site-nav li:nth-child(2) a")
    assert first["x"] > second["x"]
    # Prev (newer) is on the right, where an Arabic reader starts; Next on the left.
    newer = box(page, '.board-nav a[rel="prev"]')
    older = box(page, '.board-nav a[rel="next"]')
    assert newer["x"] > older["x"]
    # The body text starts at the right edge of the column.
    assert page.locator(".post__body").evaluate(
        "el => getComputedStyle(el).direction"
    ) == ("rtl")
    screenshot(page, "i18n-arabic-post-1280")


def test_english_keeps_the_left_to_right_order(open_page, make_post, now):  # noqa: F811
    make_post(language="en")
    page = open_page(1280, 900)
    page.goto("/en/")
    assert box(page, ".site-logo")["x"] < box(page, ".language-switcher")["x"]
    first = box(page, ".site-nav li:nth-child(1) a")
    second = box(page, ".site-nav li:nth-child(2) a")
    assert first["x"] < second["x"]


def test_the_switcher_takes_the_reader_to_the_translation_and_back(
    open_page,  # noqa: F811
    live_server,
    make_post,
    now,
):
    english = make_post(language="en", title="Roundtable on water")
    arabic = make_post(
        language="ar",
        title="مائدة مستديرة حول المياه",
        translation_group=english.translation_group,
    )
    page = open_page(390, 800)
    page.goto(public_url(english))
    page.locator('.language-switcher a[hreflang="ar"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text(arabic.title)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.locator('.language-switcher a[hreflang="en"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text(english.title)
    # No translation in Korean: the switcher goes to the Korean home, not this post.
    page.locator('.language-switcher a[hreflang="ko"]').click()
    expect(page).to_have_url(live_server.url + "/ko/")
    assert page.evaluate("document.documentElement.lang") == "ko"


def test_the_root_follows_the_browser_language(browser, live_server, db):  # noqa: F811
    context = browser.new_context(base_url=live_server.url, locale="ko-KR")
    page = context.new_page()
    page.goto("/")
    assert page.url.endswith("/ko/")
    context.close()


def test_arabic_and_missing_translation_pages_have_no_wcag_violations(
    open_page,  # noqa: F811
    arabic_posts,
    make_post,
):
    english = make_post(language="en", title="Only in English")
    page = open_page(1280, 900)
    report = []
    for url in (public_url(arabic_posts[1]), "/ar/", f"/ar/posts/{english.slug}/"):
        page.goto(url)
        report += [f"{url}: {line}" for line in axe_violations(page)]
    assert not report, "\n".join(report)


def test_arabic_reflows_at_320_px_without_horizontal_scrolling(open_page, arabic_posts):  # noqa: F811
    page = open_page(320, 800)
    for url in ("/ar/", public_url(arabic_posts[1])):
        page.goto(url)
        measured = overflow(page)
        assert measured["scrollWidth"] <= measured["width"], (url, measured)
