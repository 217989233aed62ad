"""axe-core at WCAG 2.2 A/AA on every page type, in light and dark schemes; keyboard use."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.a11y import axe_violations, focusable_in_dom_order, tab_through
from tests.browser.conftest import screenshot
from tests.browser.pages import public_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_public_page_type_has_no_wcag_violations(board, open_page, scheme):
    """axe at WCAG 2.2 A/AA on each page type; the desktop screenshots are taken here."""
    page = open_page(color_scheme=scheme, reduced_motion="reduce")
    report = []
    checked = public_pages(board)
    for name, url in checked.items():
        page.goto(url)
        report += [f"{name} {url}: {line}" for line in axe_violations(page)]
        if scheme == "light" or name in {"list", "event-post"}:
            screenshot(page, f"{name}-1280" + ("" if scheme == "light" else "-dark"))
    assert not report, f"{len(report)} axe violations ({scheme} scheme):\n" + "\n".join(
        report
    )
    assert len(checked) >= 10


@pytest.mark.parametrize("name", ["list", "event-post", "search-results"])
def test_tab_reaches_every_control_in_order_with_visible_focus(board, open_page, name):
    page = open_page()
    page.goto(public_pages(board)[name])
    stops = tab_through(page)

    first = stops[0]
    assert first["name"] == "Skip to main content", (
        "the first Tab stop is the skip link"
    )
    assert first["onScreen"], "the skip link shows when focused"
    invisible = [stop["name"] for stop in stops if not stop["visible"]]
    assert not invisible, f"no visible focus indicator on: {invisible}"
    hidden = [stop["name"] for stop in stops if not stop["onScreen"]]
    assert not hidden, f"focus went to something not on screen: {hidden}"
    positions = [stop["index"] for stop in stops]
    assert positions == sorted(positions), "focus order follows the document order"
    assert positions == focusable_in_dom_order(page), "every control is reached by Tab"


def test_skip_link_moves_focus_to_the_main_content(board, open_page):
    page = open_page()
    page.goto(reverse("public:list"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    # The next stop is inside main: the first filter control.
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_the_filter_form_works_from_the_keyboard_alone(board, open_page):
    page = open_page()
    page.goto(reverse("public:list"))
    page.get_by_label("Kind").focus()
    page.keyboard.press("ArrowDown")  # All kinds -> News
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # Topic, Year, Apply
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('public:list', kwargs={'kind': 'news'})}")


def test_reduced_motion_turns_off_transitions_and_smooth_scrolling(board, open_page):
    page = open_page(reduced_motion="reduce")
    page.goto(reverse("public:list"))
    # A stylesheet built through the CSSOM: the Content-Security-Policy would block a
    # <style> tag, as it blocks any inline style.
    page.evaluate(
        """() => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync("a { transition: color 2s; scroll-behavior: smooth; }");
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }"""
    )
    link = page.locator("main a").first
    assert link.evaluate("el => getComputedStyle(el).transitionDuration") == "0s"
    assert (
        page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
        == "auto"
    )
