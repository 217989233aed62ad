"""The organisation's own site in Chromium: statutory pages from the footer, the
logo set in the back office, reader counts shown to staff, the accessible-format
request, and the demo's list and post pages at desktop and phone widths."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from bulletin.counts.buffer import flush
from bulletin.i18n.seeding import seed_translations
from bulletin.posts.seeding import seed
from bulletin.server.showcase import build_showcase
from tests.browser.a11y import axe_violations
from tests.browser.conftest import screenshot
from tests.browser.staff import sign_in
from tests.identity.conftest import png_bytes
from tests.smtp import smtp  # noqa: F401  (the real SMTP server fixture)

pytestmark = pytest.mark.browser

DESKTOP_BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)


@pytest.fixture
def demo_site(live_server):
    seed(40, random_seed=3)
    shown = build_showcase()
    seed_translations(12)
    return shown


def test_statutory_pages_are_reached_from_the_footer(demo_site, open_page):
    page = open_page()
    page.goto("/en/")
    footer = page.get_by_role("navigation", name="About this site")
    footer.get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    expect(
        page.get_by_text(re.compile(r"This statement was last reviewed on"))
    ).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, "statement-1280")
    page.get_by_role("navigation", name="About this site").get_by_role(
        "link", name="Contact"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact")
    assert axe_violations(page) == []


def test_the_logo_set_in_the_back_office_heads_every_page(
    live_server, staff_user, open_page, tmp_path
):
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_bytes(size=(300, 60)))
    page = open_page()
    sign_in(page, staff_user.username, reverse("identity_manage:settings"))
    assert axe_violations(page) == []
    # Colours below AA contrast are refused, with the ratio.
    page.get_by_label("Header colour").fill("#6fa8dc")
    page.get_by_role("button", name="Save the identity").click()
    expect(page.get_by_role("alert")).to_contain_text("4.5:1")
    assert axe_violations(page) == []
    page.get_by_label("Header colour").fill("#5a1e66")
    page.get_by_label(re.compile(r"^Logo:?$")).set_input_files(str(logo))
    english = page.get_by_role("group", name="English")
    english.get_by_label("Name of the organisation").fill("Riverside District Council")
    english.get_by_label("Logo's alternative text").fill("Riverside District Council")
    page.get_by_role("button", name="Save the identity").click()
    expect(page.get_by_role("status")).to_contain_text("The identity is saved.")

    page.goto("/en/")
    image = page.locator("header .site-logo img")
    expect(image).to_have_attribute("alt", "Riverside District Council")
    assert image.evaluate("img => img.complete && img.naturalWidth") == 300
    header = page.locator(".site-header").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert header == "rgb(90, 30, 102)"
    assert axe_violations(page) == []
    screenshot(page, "logo-1280")


def test_staff_see_how_often_a_post_was_read(
    demo_site, browser, live_server, staff_user, open_page
):
    post = demo_site["document"]
    for n in range(3):  # three readers (a browser's own cache answers repeats itself)
        reader = browser.new_context(
            base_url=live_server.url, user_agent=DESKTOP_BROWSER
        )
        reading = reader.new_page()
        reading.goto(post.get_absolute_url())
        if n == 0:
            with reading.expect_download():
                reading.get_by_role(
                    "link", name="Draft budget (PDF)", exact=True
                ).click()
        reader.close()
    flush()  # what the job runner does each round
    page = open_page()
    sign_in(
        page, staff_user.username, reverse("editorial:post", kwargs={"pk": post.pk})
    )
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Read 3 times")
    expect(facts).to_contain_text("Draft budget (PDF): 1")
    screenshot(page, "counts-staff-1280")


def test_a_reader_requests_an_accessible_format(demo_site, open_page, smtp):  # noqa: F811
    page = open_page()
    page.goto(demo_site["document"].get_absolute_url())
    expect(
        page.get_by_role("listitem")
        .filter(has_text="Draft budget (PDF)")
        .get_by_role("link", name="HTML version")
    ).to_be_visible()
    page.get_by_role("listitem").filter(has_text="Draft budget (PDF)").get_by_role(
        "link", name="Request an accessible format"
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Request an accessible format"
    )
    assert axe_violations(page) == []
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert axe_violations(page) == []
    page.get_by_label("Large print").check()
    page.get_by_label("Your name").fill("Sam Reader")
    page.get_by_label("Your e-mail address").fill("sam@example.net")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request sent")
    assert axe_violations(page) == []
    assert len(smtp.messages) == 1
    assert smtp.messages[0]["X-Envelope-To"] == "access@riverside.example.org"
    assert "Draft budget (PDF)" in smtp.messages[0]["Subject"]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_demo_list_and_post_pages(demo_site, open_page, width):
    page = open_page(width=width)
    page.goto("/en/")
    expect(page.locator("main")).to_contain_text(demo_site["pinned"].title)
    assert axe_violations(page) == []
    screenshot(page, f"demo-list-{width}")
    page.goto(demo_site["event"].get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(demo_site["event"].title)
    assert axe_violations(page) == []
    screenshot(page, f"demo-post-{width}")
    page.goto(demo_site["image"].get_absolute_url())
    assert page.locator(".post__body img").evaluate("img => img.naturalWidth") == 800
    screenshot(page, f"demo-image-post-{width}")
    page.goto("/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, f"demo-list-ar-{width}")


def test_the_new_back_office_pages_have_no_axe_violations(
    demo_site, staff_user, open_page
):
    page = open_page()
    sign_in(page, staff_user.username, reverse("pages_manage:list"))
    assert axe_violations(page) == []
    attachment = demo_site["document"].attachments.get()
    page.goto(reverse("alternatives_manage:formats", kwargs={"pk": attachment.pk}))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accessible formats")
    assert axe_violations(page) == []
