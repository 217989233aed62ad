"""Accessibility checks run inside the page: axe-core, focus order, reflow."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe has no 2.2 A-level rules of its own).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_axe = Axe()


def axe_violations(page: Page, *, tags: list[str] = WCAG_TAGS) -> list[str]:
    """axe-core's violations on the page, one readable line per failing node."""
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": tags},
            "resultTypes": ["violations"],
        },
    )
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} ({violation['impact']}): {', '.join(node['target'])}"
                f" – {_first_reason(node['failureSummary'])}"
            )
    return lines


def _first_reason(summary: str) -> str:
    # axe writes "Fix any of the following:" then one reason per line.
    lines = [line.strip() for line in summary.splitlines() if line.strip()]
    return lines[1] if len(lines) > 1 else (lines[0] if lines else "")


FOCUS_STATE = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  const labelledBy = document.getElementById(el.getAttribute('aria-labelledby'));
  return {
    name: ((el.labels && el.labels[0] && el.labels[0].textContent) || el.getAttribute('aria-label')
      || (labelledBy && labelledBy.textContent)
      || el.textContent || el.name || el.tagName).trim().replace(/\s+/g, ' ').slice(0, 60),
    tag: el.tagName.toLowerCase(),
    visible: outline || shadow,
    onScreen: box.width > 0 && box.height > 0,
    index: Array.from(document.querySelectorAll('*')).indexOf(el),
  };
}"""


def tab_through(page: Page, limit: int = 200) -> list[dict]:
    """Press Tab from the top of the page until focus leaves it; return each stop.

    Stops when focus returns to the body or to a stop already seen (the browser
    wraps around), so a trap shows up as the limit being reached.
    """
    page.locator("body").focus()
    stops: list[dict] = []
    seen: set[int] = set()
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is not None and stops and state["index"] == stops[-1]["index"]:
            continue  # Tab between the parts of one control (a date's day, month, year)
        if state is None or state["index"] in seen:
            return stops
        seen.add(state["index"])
        stops.append(state)
    raise AssertionError(
        f"Focus did not leave the page after {limit} Tab presses: a trap?"
    )


def focusable_in_dom_order(page: Page) -> list[int]:
    """Document positions of every element a Tab press should reach, in DOM order."""
    return page.evaluate(
        """() => {
          const all = Array.from(document.querySelectorAll('*'));
          const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]),'
            + ' select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
          return Array.from(document.querySelectorAll(selector))
            .filter(el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
            .map(el => all.indexOf(el));
        }"""
    )


def overflow(page: Page) -> dict:
    """How far the page reaches past the viewport, and elements cut off at its edge."""
    return page.evaluate(
        """async () => {
          // Icon fonts show their ligature names, much wider, until they load.
          await document.fonts.ready;
          const width = document.documentElement.clientWidth;
          const cut = [];
          for (const el of document.querySelectorAll('body *')) {
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.right <= width + 1) continue;
            // Content that scrolls inside its own box (wide tables, code) is allowed.
            let scroller = el.parentElement, inside = false;
            while (scroller && scroller !== document.body) {
              const o = getComputedStyle(scroller).overflowX;
              if (o === 'auto' || o === 'scroll' || o === 'hidden') { inside = true; break; }
              scroller = scroller.parentElement;
            }
            if (!inside && getComputedStyle(el).position !== 'absolute') {
              cut.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
            }
          }
          return {scrollWidth: document.documentElement.scrollWidth, width, cut: cut.slice(0, 10)};
        }"""
    )


def assert_visible_focus_in_order(stops: list[dict]) -> None:
    """Every stop of a keyboard walk shows its focus, in document order."""
    invisible = [stop["name"] for stop in stops if not stop["visible"]]
    assert not invisible, f"no visible focus indicator on: {invisible}"
    positions = [stop["index"] for stop in stops]
    assert positions == sorted(positions), "focus order follows the document order"
