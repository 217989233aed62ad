"""Staff write, review, schedule and publish a post in Chromium, through the back office."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from bulletin.accounts.roles import Role
from bulletin.posts.models import Post, Status, Topic
from bulletin.posts.pdf import simple_pdf
from tests.browser.a11y import (
    assert_visible_focus_in_order,
    axe_violations,
    overflow,
    tab_through,
)
from tests.browser.conftest import screenshot
from tests.browser.staff import (
    login_url,
    make_png,
    make_staff,
    sign_in,
    sign_out,
    write_body,
)

pytestmark = pytest.mark.browser

TITLE = "Northern water main: works finish in March"
ALT = "Map of the districts where the water pressure is lower"


@pytest.fixture
def newsroom(live_server, django_user_model):
    Topic.objects.get_or_create(name="Water and sanitation")
    return {
        "author": make_staff(django_user_model, "amina", Role.AUTHOR),
        "editor": make_staff(django_user_model, "bruno", Role.EDITOR),
    }


def test_an_author_writes_and_an_editor_reviews_schedules_and_publishes(
    newsroom, open_page, tmp_path
):
    page = open_page()
    new_post = reverse("editorial:post_create")
    sign_in(page, "amina", new_post)

    expect(page.get_by_role("radio", name="News item")).to_be_checked()
    expect(page.get_by_label("Event start")).to_be_hidden()
    expect(page.get_by_label("Pinned on top until")).to_be_hidden()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Summary").fill("The last stage of the works starts on 3 March.")
    page.get_by_label("Water and sanitation").check()
    image = tmp_path / "districts-map.png"
    make_png(image)
    write_body(page, link="https://example.org/timetable", image=image, alt=ALT)
    screenshot(page, "task-1-news-01-written-with-an-uploaded-image")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Draft saved.")
    post = Post.objects.get(title=TITLE)
    assert post.status == Status.DRAFT
    assert post.author == newsroom["author"]
    # The editor's HTML survives the server's allow-list as the reader will get it.
    assert "<h2>What changes for residents</h2>" in post.body
    assert re.search(
        r"<ul><li><p>Lower pressure from 06:00 to 09:00</p></li>", post.body
    )
    assert 'href="https://example.org/timetable"' in post.body, post.body
    assert f'alt="{ALT}"' in post.body

    page.get_by_role("link", name="Documents").click()
    page.get_by_label("Title").fill("Timetable of the works")
    pdf = tmp_path / "timetable.pdf"
    pdf.write_bytes(simple_pdf(["Timetable of the works", "3 March: Northfield"]))
    page.get_by_label("File").set_input_files(pdf)
    page.get_by_role("button", name="Add document").click()
    expect(page.get_by_role("status")).to_contain_text("Document added.")
    expect(page.get_by_role("rowheader", name="Timetable of the works")).to_be_visible()
    assert post.attachments.get().filename == "timetable.pdf"

    page.goto(reverse("editorial:post", args=[post.pk]))
    page.get_by_role("link", name="Preview").click()
    expect(page.get_by_role("note").first).to_contain_text("Preview")
    body = page.locator(".post__body")
    expect(
        body.get_by_role("heading", name="What changes for residents")
    ).to_be_visible()
    expect(body.locator("ul li")).to_have_count(2)
    expect(body.get_by_role("link", name="Read the full timetable")).to_have_attribute(
        "href", "https://example.org/timetable"
    )
    expect(body.get_by_role("img", name=ALT)).to_be_visible()
    expect(page.get_by_role("link", name="Timetable of the works")).to_be_visible()

    page.goto(reverse("editorial:post", args=[post.pk]))
    page.get_by_role("link", name="Submit for review").click()
    page.get_by_label("Comment").fill("Ready for review.")
    page.get_by_role("button", name="Submit for review").click()
    screenshot(page, "task-9-review-01-submitted")
    post.refresh_from_db()
    assert post.status == Status.IN_REVIEW

    sign_out(page)
    sign_in(page, "bruno", reverse("editorial:dashboard"))
    page.get_by_role("link", name=TITLE).first.click()
    page.get_by_role("link", name="Preview").click()
    expect(page.locator("main h1")).to_have_text(TITLE)
    page.go_back()

    page.get_by_role("link", name="Publish or schedule").click()
    later = timezone.localtime() + timedelta(days=3)
    page.get_by_label("Publish at").fill(later.strftime("%Y-%m-%dT%H:%M"))
    screenshot(page, "task-4-schedule-01-check-and-time")
    page.get_by_role("button", name="Confirm and publish").click()
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED and not post.is_public()
    public_url = post.get_absolute_url()
    assert page.request.get(public_url).status == 404, (
        "a scheduled post is not public yet"
    )

    page.goto(reverse("editorial:post", args=[post.pk]))
    page.get_by_role("link", name="Unschedule").click()
    page.get_by_role("button", name="Unschedule").click()
    page.get_by_role("link", name="Publish or schedule").click()
    page.get_by_role("button", name="Confirm and publish").click()
    post.refresh_from_db()
    assert post.is_public()

    sign_out(page)
    page.goto(public_url)
    expect(page.locator("main h1")).to_have_text(TITLE)
    image = page.locator(".post__body img")
    expect(image).to_have_attribute("alt", ALT)
    screenshot(page, "task-1-news-02-public-page")
    # Served at every width the thumbnails app made, and as the link-preview image.
    expect(image).to_have_attribute("srcset", re.compile(r"480w, .+960w, .+1600w"))
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.locator("meta[property='og:image']")).to_have_attribute(
        "content", re.compile(r"^http://.+/1600\.jpg$")
    )
    # The image lives in the media library, not among the post's documents.
    assert post.attachments.count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="Timetable of the works").click()
    assert download.value.suggested_filename == "timetable.pdf"
    assert not axe_violations(page)


@pytest.mark.parametrize(
    ("scheme", "width"),
    [("light", 1280), ("dark", 1280), ("light", 360), ("dark", 360)],
)
def test_back_office_pages_have_no_wcag_violations(
    board, newsroom, open_page, tmp_path, scheme, width
):
    from bulletin.editorial.images import add_image
    from bulletin.i18n.translations import start_translation
    from tests.editorial.test_images import png

    image = add_image(None, png(), alt="A map")
    translation = start_translation(board.event, "fr", newsroom["editor"])
    page = open_page(width, color_scheme=scheme)
    page.goto(login_url())
    report = [f"sign-in {login_url()}: {line}" for line in axe_violations(page)]
    sign_in(page, "bruno", reverse("editorial:dashboard"))
    post = board.event
    pages = {
        "dashboard": reverse("editorial:dashboard"),
        "all-posts": reverse("editorial:posts"),
        "new-post": reverse("editorial:post_create"),
        "new-notice": reverse("editorial:post_create") + "?kind=notice",
        "new-event": reverse("editorial:post_create") + "?kind=event",
        "post": reverse("editorial:post", args=[post.pk]),
        "edit-post": reverse("editorial:post_edit", args=[post.pk]),
        "translate": reverse("editorial:post_edit", args=[translation.pk]),
        "publish-check": reverse(
            "editorial:post_step", args=[translation.pk, "publish"]
        ),
        "withdraw": reverse("editorial:post_step", args=[post.pk, "withdraw"]),
        "preview": reverse("editorial:preview", args=[post.pk]),
        "revisions": reverse("editorial:revisions", args=[post.pk]),
        "documents": reverse("editorial:attachments", args=[post.pk]),
        "images": reverse("editorial:images"),
        "image": reverse("editorial:image", args=[image.pk]),
        "topics": reverse("editorial:topics"),
        "topic": reverse("editorial:topic_edit", args=[board.water.pk]),
        "needs-me": reverse("notifications:needs_me"),
    }
    for name, url in pages.items():
        response = page.goto(url)
        assert response.ok, f"{name} {url} answered {response.status}"
        page.wait_for_load_state("networkidle")
        report += [f"{name} {url}: {line}" for line in axe_violations(page)]
        if name == "new-post":
            # The editor's image dialog, open, is checked too.
            page.get_by_role("toolbar").get_by_role("button", name="Image").click()
            expect(page.get_by_role("dialog", name="Insert an image")).to_be_visible()
            report += [f"image dialog: {line}" for line in axe_violations(page)]
            screenshot(page, f"backoffice-image-dialog-{width}-{scheme}")
        if width == 360 or scheme == "dark":
            screenshot(page, f"backoffice-{name}-{width}-{scheme}")
    assert not report, (
        f"{len(report)} axe violations ({scheme}, {width}px):\n" + "\n".join(report)
    )


def test_the_post_form_is_usable_from_the_keyboard_with_visible_focus(
    newsroom, open_page
):
    page = open_page()
    sign_in(page, "amina", reverse("editorial:post_create"))
    stops = tab_through(page)
    names = [stop["name"] for stop in stops]
    assert_visible_focus_in_order(stops)
    positions = [stop["index"] for stop in stops]
    assert any(name.startswith("Body") for name in names), (
        "the editor's text box is in the order"
    )
    assert stops[-1]["name"] == "Save", (
        "focus runs through the whole form to its button"
    )
    toolbar = page.get_by_role("toolbar", name="Formatting")
    in_toolbar = toolbar.evaluate(
        "(bar, stops) => stops.filter(i => bar.contains(document.querySelectorAll('*')[i])).length",
        positions,
    )
    assert in_toolbar == 1, "the editor's toolbar is one Tab stop"

    toolbar.get_by_role("button", name="Bold").focus()
    page.keyboard.press("ArrowRight")
    expect(toolbar.get_by_role("button", name="Italic")).to_be_focused()
    page.keyboard.press("End")
    last = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert last == "Redo"
    page.keyboard.press("Home")
    page.keyboard.press("ArrowLeft")  # wraps round to the last
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Redo"
    page.keyboard.press("Tab")
    expect(page.get_by_role("textbox", name="Body")).to_be_focused()


def test_back_office_pages_reflow_at_320_css_pixels(board, newsroom, open_page):
    page = open_page(320, 640)
    sign_in(page, "bruno", reverse("editorial:dashboard"))
    problems = []
    for url in (
        reverse("editorial:dashboard"),
        reverse("editorial:post_create"),
        reverse("editorial:post", args=[board.event.pk]),
    ):
        page.goto(url)
        measured = overflow(page)
        if measured["scrollWidth"] > measured["width"] or measured["cut"]:
            problems.append(f"{url}: {measured}")
    assert not problems, "\n".join(problems)
