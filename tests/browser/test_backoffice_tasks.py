"""The nine everyday tasks of a communications officer, walked in Chromium by visible
labels and roles, with a screenshot of each step in artifacts/screenshots/."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from bulletin.accounts.roles import Role
from bulletin.posts.models import Post, Status
from tests.browser.conftest import screenshot
from tests.browser.staff import make_staff, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def newsroom(live_server, django_user_model):
    return {
        "author": make_staff(django_user_model, "amina", Role.AUTHOR),
        "editor": make_staff(django_user_model, "bruno", Role.EDITOR),
    }


def step(page: Page, task: str, n: int, what: str) -> None:
    screenshot(page, f"task-{task}-{n:02d}-{what}")


def body_editor(page: Page):
    return page.get_by_role("textbox", name="Body")


def test_a_draft_is_recovered_after_the_tab_is_closed_mid_edit(newsroom, open_page):
    page = open_page()
    sign_in(page, "amina", reverse("editorial:post_create"))
    page.get_by_label("Title").fill("Road closures for the marathon")
    body_editor(page).click()
    page.keyboard.type("Six streets close from 07:00 on Sunday.")
    expect(
        page.get_by_role("status").filter(has_text="kept on the server")
    ).to_be_visible(timeout=15_000)
    step(page, "recover", 1, "typing-kept-on-the-server")
    context = page.context
    page.close(run_before_unload=False)  # the tab is closed without saving

    page = context.new_page()
    page.goto(reverse("editorial:post_create"))
    expect(
        page.get_by_role("heading", name="You have changes that were not saved")
    ).to_be_visible()
    step(page, "recover", 2, "offered-back")
    page.get_by_role("link", name="Restore my changes").click()
    expect(page.get_by_label("Title")).to_have_value("Road closures for the marathon")
    expect(body_editor(page)).to_contain_text("Six streets close from 07:00 on Sunday.")
    step(page, "recover", 3, "restored")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    step(page, "recover", 4, "saved")
    expect(page.locator(".messages")).to_contain_text("Draft saved.")
    assert (
        Post.objects.get(title="Road closures for the marathon").status == Status.DRAFT
    )


def test_leaving_a_page_with_unsaved_changes_asks_first(newsroom, open_page):
    page = open_page()
    sign_in(page, "amina", reverse("editorial:post_create"))
    page.get_by_label("Title").fill("Not saved yet")
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.get_by_role("link", name="Dashboard").click()
    page.wait_for_timeout(300)
    assert asked == ["beforeunload"]
    expect(page.get_by_label("Title")).to_have_value("Not saved yet")
