"""The nine everyday tasks of a communications officer, walked in Chromium by visible
labels and roles, with a screenshot of each step in artifacts/screenshots/."""

from __future__ import annotations

import re

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
    # Inside the editor: until its script has started, the plain text area (soon
    # hidden) also answers to "Body", and a click on it would be lost.
    return page.locator(".prose-editor").get_by_role("textbox", name="Body")


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


def save(page: Page, message: str = "Draft saved.") -> None:
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(message)


def publish_now(page: Page, task: str) -> None:
    page.get_by_role("link", name="Publish or schedule").click()
    expect(page.get_by_role("heading", name="Check before you publish")).to_be_visible()
    step(page, task, 8, "check-before-publishing")
    page.get_by_role("button", name="Confirm and publish").click()
    expect(page.locator(".messages")).to_contain_text("Done")


def test_a_pinned_expiring_notice_and_an_event_with_a_pdf(
    newsroom, open_page, tmp_path
):
    """Tasks 2 and 3."""
    from bulletin.posts.pdf import simple_pdf

    page = open_page()
    # From the list of notices, "New post" opens a notice's form.
    sign_in(page, "bruno", reverse("editorial:posts"))
    page.get_by_label("Kind").select_option(label="Notice")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="New post").click()
    expect(page.get_by_role("radio", name="Notice")).to_be_checked()
    expect(page.get_by_label("Event start")).to_be_hidden()
    page.get_by_label("Title").fill("Town hall closed on Friday")
    page.get_by_label("Pinned on top until").fill("2030-01-10T18:00")
    page.get_by_label("Taken off the list at").fill("2030-01-11T18:00")
    step(page, "2-notice", 1, "form")
    save(page)
    publish_now(page, "2-notice")
    notice = Post.objects.get(title="Town hall closed on Friday")
    assert notice.is_public() and notice.is_pinned() and notice.expires_at

    page.get_by_role("link", name="New post").click()
    # The last kind used comes first; choosing Event shows its fields at once.
    expect(page.get_by_role("radio", name="Notice")).to_be_checked()
    page.get_by_role("radio", name="Event").check()
    expect(page.get_by_label("Pinned on top until")).to_be_hidden()
    expect(page.get_by_role("group", name="When and where (events)")).to_be_visible()
    page.get_by_label("Title").fill("Roundtable on the budget")
    page.get_by_label("Time zone of the event").select_option("Europe/Zurich")
    # The start says which clock it reads, and follows the zone chosen.
    expect(page.get_by_label("Event start")).to_have_accessible_description(
        re.compile(r"now Europe/Zurich")
    )
    page.get_by_label("Event start").fill("2030-03-12T14:00")
    page.get_by_label("Event end").fill("2030-03-12T16:00")
    page.get_by_label("Place").fill("Council chamber")
    step(page, "3-event", 1, "form")
    save(page)
    page.get_by_role("link", name="Documents").click()
    page.get_by_label("Title").fill("Agenda")
    pdf = tmp_path / "agenda.pdf"
    pdf.write_bytes(simple_pdf(["Agenda", "14:00 Welcome"]))
    page.get_by_label("File").set_input_files(pdf)
    page.get_by_role("button", name="Add document").click()
    expect(page.get_by_role("rowheader", name="Agenda")).to_be_visible()
    step(page, "3-event", 2, "document-added")
    event = Post.objects.get(title="Roundtable on the budget")
    page.goto(reverse("editorial:post", args=[event.pk]))
    publish_now(page, "3-event")
    event.refresh_from_db()
    assert event.is_public() and event.attachments.get().filename == "agenda.pdf"


def test_correct_withdraw_find_and_translate_a_published_post(
    newsroom, open_page, make_post
):
    """Tasks 5 (change note), 6 (withdraw), 8 (find an old post) and 7 (translate)."""
    from datetime import timedelta

    from bulletin.posts import clock

    old = make_post(
        title="Spring cleaning days",
        body="<p>Bulky waste is collected in the harbour district.</p>",
        published_at=clock.now() - timedelta(days=400),
    )
    page = open_page()
    sign_in(page, "bruno", reverse("editorial:posts"))
    page.get_by_label("Words in the title or text").fill("harbour")
    page.get_by_role("button", name="Show").click()
    step(page, "8-find", 1, "found-by-a-word-in-the-text")
    page.get_by_role("link", name="Spring cleaning days").first.click()

    page.get_by_role("link", name="Edit").first.click()
    page.get_by_label("Summary").fill("Dates corrected.")
    page.get_by_label("Public change note (optional)").fill("Dates corrected")
    step(page, "5-correct", 1, "change-note")
    page.get_by_role("button", name="Save and publish the change now").click()
    expect(page.locator(".messages")).to_be_visible()
    assert old.change_notes.get().note == "Dates corrected"

    page.get_by_role("link", name="Translate").first.click()
    page.get_by_role("button", name="Start a translation into Français").click()
    expect(page.get_by_role("heading", name="Translate into Français")).to_be_visible()
    original = page.get_by_role("complementary", name="The original (English)")
    expect(original).to_contain_text("Bulky waste is collected")
    page.get_by_label("Title").fill("Journées de nettoyage")
    step(page, "7-translate", 1, "original-beside")
    save(page, "Saved.")
    assert Post.objects.get(title="Journées de nettoyage").language == "fr"

    page.goto(reverse("editorial:post", args=[old.pk]))
    page.get_by_role("link", name="Withdraw").click()
    page.get_by_label("Withdrawal note").fill("Replaced by this year's dates.")
    step(page, "6-withdraw", 1, "note")
    page.get_by_role("button", name="Withdraw").click()
    old.refresh_from_db()
    assert old.status == Status.WITHDRAWN
    step(page, "6-withdraw", 2, "done")


def test_an_author_recalls_and_then_sees_the_editors_comment(
    newsroom, open_page, make_post
):
    """Task 9's return journey: recall, send back with a comment, the badge."""
    from tests.browser.staff import sign_out

    draft = make_post(
        title="Library opening hours",
        author=newsroom["author"],
        status=Status.DRAFT,
        published_at=None,
    )
    page = open_page()
    sign_in(page, "amina", reverse("editorial:post", args=[draft.pk]))
    for _ in range(2):
        page.get_by_role("link", name="Submit for review").click()
        page.get_by_role("button", name="Submit for review").click()
        if _ == 0:
            page.get_by_role("link", name="Recall from review").click()
            page.get_by_role("button", name="Recall from review").click()
            step(page, "9-review", 1, "recalled")
            draft.refresh_from_db()
            assert draft.status == Status.DRAFT
    sign_out(page)
    sign_in(page, "bruno", reverse("editorial:post", args=[draft.pk]))
    page.get_by_role("link", name="Send back to the author").click()
    page.get_by_label("What needs changing").fill("Add the Saturday hours, please.")
    page.get_by_role("button", name="Send back to the author").click()
    sign_out(page)
    sign_in(page, "amina", reverse("editorial:dashboard"))
    drafts = page.get_by_role("region", name="My drafts")
    expect(drafts.get_by_text("1 sent back to you")).to_be_visible()
    expect(drafts.get_by_text("Add the Saturday hours, please.")).to_be_visible()
    step(page, "9-review", 2, "sent-back-badge")
    page.get_by_role("link", name="Library opening hours").first.click()
    expect(page.get_by_text("Sent back to the author by Bruno")).to_be_visible()
    step(page, "9-review", 3, "plain-words-history")


@pytest.mark.parametrize(("scheme", "width"), [("light", 1280), ("dark", 360)])
def test_an_admin_invites_a_colleague_without_the_django_admin(
    newsroom, open_page, django_user_model, scheme, width
):
    from django.contrib.auth.models import Group, Permission

    from tests.browser.a11y import axe_violations

    chen = make_staff(django_user_model, "chen", Role.EDITOR)
    admins, _ = Group.objects.get_or_create(name=Role.ADMIN.value)
    admins.permissions.set(Permission.objects.all())
    chen.groups.add(admins)
    page = open_page(width, color_scheme=scheme)
    sign_in(page, "chen", reverse("editorial:dashboard"))
    page.get_by_role("link", name="People and roles").click()
    page.get_by_label("E-mail address").fill("noor@example.org")
    page.get_by_label("Name").fill("Noor Haddad")
    page.get_by_label("Role:", exact=True).select_option(label="Editor")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".messages")).to_contain_text("Invitation sent")
    expect(page.get_by_role("rowheader", name="Noor Haddad")).to_be_visible()
    assert not axe_violations(page)
    step(page, f"people-{width}-{scheme}", 1, "invited")


def test_without_javascript_the_kind_is_changed_and_nothing_typed_is_lost(
    newsroom, browser, live_server
):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, "bruno", reverse("editorial:post_create"))
        page.get_by_label("Title").fill("Open day at the depot")
        page.get_by_label("Body").fill("Come and see the new buses.")
        expect(page.get_by_label("Event start")).to_be_hidden()
        page.get_by_role("radio", name="Event").check()
        page.get_by_role("button", name="Show the fields for this kind").click()
        expect(page.get_by_label("Event start")).to_be_visible()
        expect(page.get_by_label("Title")).to_have_value("Open day at the depot")
        expect(page.get_by_label("Body")).to_have_value("Come and see the new buses.")
        expect(page.locator(".error-summary")).to_have_count(0)
        step(page, "3-event", 0, "kind-changed-without-javascript")
        page.get_by_label("Event start").fill("2030-05-02T10:00")
        save(page)
        event = Post.objects.get(title="Open day at the depot")
        assert event.kind == "event" and event.event_start is not None
        # Enter in a field saves; it does not redraw the form for another kind.
        page.goto(reverse("editorial:post_create"))
        page.get_by_label("Title").fill("Depot closed on Monday")
        page.get_by_label("Title").press("Enter")
        expect(page.get_by_label("Title")).to_have_count(0)
        assert Post.objects.filter(title="Depot closed on Monday").exists()
    finally:
        context.close()
