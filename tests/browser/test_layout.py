"""Reflow at 320 CSS px and at 200% zoom, print styles, and screenshots of every page type."""

from __future__ import annotations

import pytest
from PIL import Image

from tests.browser.a11y import axe_violations, overflow
from tests.browser.conftest import screenshot
from tests.browser.pages import public_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("width", "scale"),
    [(320, 1), (640, 2)],
    ids=["320px", "1280px-at-200pct-zoom"],
)
def test_pages_reflow_without_horizontal_scrolling(board, open_page, width, scale):
    # 200% zoom of a 1280 px window lays the page out in 640 CSS px at 2 device px each.
    page = open_page(width, 800, scale=scale)
    problems = []
    for name, url in public_pages(board).items():
        page.goto(url)
        measured = overflow(page)
        assert measured["width"] == width
        if measured["scrollWidth"] > measured["width"] or measured["cut"]:
            problems.append(f"{name}: {measured}")
    assert not problems, "\n".join(problems)


def test_a_post_prints_as_a_document_without_navigation(board, open_page):
    page = open_page()
    page.goto(board.event.get_absolute_url())
    page.emulate_media(media="print")
    for selector in (".site-nav", ".board-nav", ".skip-link", ".site-footer"):
        assert page.locator(selector).first.evaluate(
            "el => getComputedStyle(el).display"
        ) == ("none"), f"{selector} is hidden in print"
    assert page.locator("main h1").is_visible()
    assert page.locator(".post__body").is_visible()
    # Links in the body are written out, since paper cannot be clicked.
    after = page.locator(".post__body a[href^='http']").first.evaluate(
        "el => getComputedStyle(el, '::after').content"
    )
    assert "https://example.org/water" in after
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background in {"rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"}
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_phone_screenshots_of_every_page_type_and_axe_at_phone_width(board, open_page):
    page = open_page(390, 844)
    report = []
    for name, url in public_pages(board).items():
        page.goto(url)
        path = screenshot(page, f"{name}-390")
        with Image.open(path) as image:
            assert image.width == 390
            # Something was drawn: a blank page has a single colour.
            assert len(image.convert("L").getcolors(maxcolors=1 << 16) or [0, 0]) > 1
        if name in {"list", "event-post"}:
            report += [f"{name}: {line}" for line in axe_violations(page)]
    assert not report, "\n".join(report)
    dark = open_page(390, 844, color_scheme="dark")
    for name in ("list", "event-post"):
        dark.goto(public_pages(board)[name])
        screenshot(dark, f"{name}-390-dark")
