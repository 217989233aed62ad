"""The all-posts list in Chromium: an editor finds old posts by a word in the text and
a date range, sorts them, and withdraws two with one note; axe checks the list, the
confirmation page and the report, light and dark, wide and narrow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from bulletin.accounts.roles import Role
from bulletin.posts import clock
from bulletin.posts.models import Post, Status
from tests.browser.a11y import axe_violations
from tests.browser.conftest import screenshot
from tests.browser.staff import make_staff, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def archive(live_server, django_user_model, make_post):
    editor = make_staff(django_user_model, "bruno", Role.EDITOR)
    now = clock.now()
    old = [
        make_post(
            title="Spring cleaning days",
            body="<p>Bulky waste is collected in the harbour district.</p>",
            published_at=now - timedelta(days=400),
            author=editor,
        ),
        make_post(
            title="Ferry timetable for winter",
            body="<p>Boats leave the harbour every hour.</p>",
            published_at=now - timedelta(days=430),
            author=editor,
        ),
    ]
    # Already withdrawn: chosen with the others, it is skipped and the report says why.
    make_post(
        title="Old harbour notice",
        body="<p>The harbour office moved.</p>",
        published_at=now - timedelta(days=450),
        status=Status.WITHDRAWN,
        withdrawal_note="Moved.",
    )
    # Same word, but this year: the date range leaves it out.
    make_post(
        title="Harbour festival",
        body="<p>Music on the harbour front.</p>",
        published_at=now - timedelta(days=3),
    )
    make_post(title="Road works", body="<p>Main street is closed.</p>")
    return {"editor": editor, "old": old, "now": now}


def checked(page: Page, report: list[str], name: str) -> None:
    page.wait_for_load_state("networkidle")
    report += [f"{name}: {line}" for line in axe_violations(page)]


@pytest.mark.parametrize(
    ("scheme", "width"),
    [("light", 1280), ("dark", 1280), ("light", 360), ("dark", 360)],
)
def test_an_editor_finds_old_posts_and_withdraws_two_with_one_note(
    archive, open_page, scheme, width
):
    shot = f"task-8-find-bulk-{width}-{scheme}"
    page = open_page(width, color_scheme=scheme)
    report: list[str] = []
    sign_in(page, "bruno", reverse("editorial:dashboard"))
    expect(page.get_by_role("link", name="Needs me")).to_be_visible()
    page.get_by_role("link", name="All posts").click()

    page.get_by_label("Words in the title or text").fill("harbour")
    now = archive["now"]
    page.get_by_label("From").fill((now - timedelta(days=500)).date().isoformat())
    page.get_by_label("To (that day included)").fill(
        (now - timedelta(days=365)).date().isoformat()
    )
    page.get_by_role("button", name="Show").click()
    rows = page.locator("table.post-table tbody tr")
    expect(rows).to_have_count(3)
    expect(page.get_by_role("region", name="Filters in use")).to_contain_text(
        "publication time from"
    )
    checked(page, report, "list")
    screenshot(page, f"{shot}-01-found-by-words-and-dates")

    page.get_by_role("columnheader", name="Title").get_by_role("link").click()
    expect(page.get_by_role("columnheader", name="Title")).to_have_attribute(
        "aria-sort", "ascending"
    )
    expect(page.get_by_role("rowheader").first).to_contain_text(
        "Ferry timetable for winter"
    )
    # The words and dates are still asked, now in the address.
    assert "q=harbour" in page.url and "date_from=" in page.url
    expect(rows).to_have_count(3)
    screenshot(page, f"{shot}-02-sorted-by-title")

    page.get_by_label("Select “Spring cleaning days”").check()
    page.get_by_label("Select “Ferry timetable for winter”").check()
    page.get_by_label("Select “Old harbour notice”").check()
    page.get_by_label("With the selected posts").select_option(
        label="Withdraw, with one note"
    )
    page.get_by_role("button", name="Continue").click()

    expect(
        page.get_by_role("heading", name="Check before you go ahead")
    ).to_be_visible()
    plan = page.locator("table.bulk-plan")
    expect(plan).to_contain_text("Spring cleaning days")
    expect(plan).to_contain_text("Will be withdrawn, with the note below")
    expect(page.get_by_text("2 posts will change. 1 will be skipped")).to_be_visible()
    checked(page, report, "confirm")
    page.get_by_label("Withdrawal note").fill("Replaced by this year's dates.")
    screenshot(page, f"{shot}-03-confirm-with-one-note")
    page.get_by_role("button", name="Withdraw 2 posts").click()

    expect(page.get_by_role("heading", name="What happened")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("2 posts done. 1 skipped.")
    outcome = page.locator("table.bulk-report")
    expect(outcome).to_contain_text("Done: Withdrawn")
    expect(outcome).to_contain_text(
        "Skipped: This step is not possible while the post is “Withdrawn”."
    )
    checked(page, report, "report")
    screenshot(page, f"{shot}-04-report")
    for post in archive["old"]:
        post.refresh_from_db()
        assert post.status == Status.WITHDRAWN
        assert post.withdrawal_note == "Replaced by this year's dates."
    assert Post.objects.filter(status=Status.WITHDRAWN).count() == 3

    page.get_by_role("link", name="Back to the list").click()
    expect(page.get_by_role("columnheader", name="Title")).to_have_attribute(
        "aria-sort", "ascending"
    )
    assert not report, f"{len(report)} axe violations:\n" + "\n".join(report)


def test_select_all_ticks_every_post_on_the_page(archive, open_page):
    page = open_page()
    sign_in(page, "bruno", reverse("editorial:posts"))
    boxes = page.locator("input[name=post]")
    expect(boxes).to_have_count(5)
    page.get_by_label("Select all posts on this page").check()
    for n in range(5):
        expect(boxes.nth(n)).to_be_checked()
    boxes.first.uncheck()
    expect(page.get_by_label("Select all posts on this page")).not_to_be_checked()


def test_the_list_works_from_the_keyboard_with_visible_focus(archive, open_page):
    from tests.browser.a11y import assert_visible_focus_in_order, tab_through

    page = open_page()
    sign_in(page, "bruno", reverse("editorial:posts"))
    stops = tab_through(page)
    names = [stop["name"] for stop in stops]
    assert_visible_focus_in_order(stops)
    for expected in (
        "Words in the title or text:",
        "From:",
        "Show",
        "With the selected posts",
        "Select all posts on this page",
        "Select “Spring cleaning days”",
        "Title",
    ):
        assert expected in names, f"{expected!r} not reached: {names}"
    # A box ticks with the space bar.
    page.get_by_label("Select “Road works”").focus()
    page.keyboard.press("Space")
    expect(page.get_by_label("Select “Road works”")).to_be_checked()
