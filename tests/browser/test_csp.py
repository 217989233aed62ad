"""The Content-Security-Policy holds in Chromium: no page breaks it, and it blocks what
it should.

Every violation Chromium reports (the `securitypolicyviolation` event and its console
message) fails the test: an inline script or style attribute, a file from another
host, an image from a host nobody listed.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from bulletin.accounts.roles import Role
from bulletin.posts.models import Post
from tests.browser.pages import public_pages
from tests.browser.staff import PASSWORD, make_staff, sign_in

pytestmark = pytest.mark.browser

COLLECT = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `in ${event.sourceFile || event.documentURI}:${event.lineNumber}`
  );
});
"""


def watched(page: Page) -> list[str]:
    """Start collecting violations on this page; the list fills as it runs."""
    console: list[str] = []
    page.context.add_init_script(COLLECT)
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return console


def violations(page: Page, path: str, console: list[str]) -> list[str]:
    response = page.goto(path)
    assert response is not None and "content-security-policy" in response.headers
    page.wait_for_load_state("networkidle")
    found = page.evaluate("window.__cspViolations") + console
    console.clear()
    return [f"{path}: {text}" for text in found]


def test_no_public_page_breaks_the_policy(board, open_page):
    page = open_page()
    console = watched(page)
    found = []
    for path in public_pages(board).values():
        found += violations(page, path, console)
    assert found == [], "\n".join(found)


def test_the_editor_and_back_office_pages_keep_the_policy(
    board, open_page, django_user_model
):
    make_staff(django_user_model, "bruno", Role.EDITOR)
    page = open_page()
    console = watched(page)
    sign_in(page, "bruno", reverse("editorial:dashboard"))
    post = Post.objects.filter(status="published").order_by("pk").first()
    found = []
    for path in [
        reverse("editorial:dashboard"),
        reverse("editorial:posts"),
        reverse("editorial:post_create"),
        reverse("editorial:post_edit", args=[post.pk]),
        reverse("editorial:post", args=[post.pk]),
        reverse("editorial:preview", args=[post.pk]),
        reverse("editorial:revisions", args=[post.pk]),
        reverse("editorial:attachments", args=[post.pk]),
        reverse("editorial:topics"),
        reverse("staff_search:search") + "?q=water",
        reverse("accounts:two_factor"),
    ]:
        found += violations(page, path, console)
    assert found == [], "\n".join(found)
    # The rich-text editor is up, not blocked: its editable area renders.
    page.goto(reverse("editorial:post_edit", args=[post.pk]))
    page.locator("[contenteditable=true]").first.wait_for()


def test_the_admin_post_screen_keeps_the_policy(board, open_page, django_user_model):
    django_user_model.objects.create_superuser("ada", "ada@example.org", PASSWORD)
    page = open_page()
    console = watched(page)
    sign_in(page, "ada", reverse("admin:index"))
    post = Post.objects.filter(status="published").order_by("pk").first()
    found = []
    for path in [
        reverse("admin:index"),
        reverse("admin:posts_post_changelist"),
        reverse("admin:posts_post_add"),
        reverse("admin:posts_post_change", args=[post.pk]),
    ]:
        found += violations(page, path, console)
    assert found == [], "\n".join(found)


def test_the_sign_in_pages_and_the_api_docs_keep_the_policy(board, open_page):
    page = open_page()
    console = watched(page)
    found = []
    for path in [
        reverse("accounts:login"),
        reverse("accounts:password_reset"),
        "/api/docs",
    ]:
        found += violations(page, path, console)
    assert found == [], "\n".join(found)
    # Swagger UI drew the operations from the OpenAPI document.
    page.goto("/api/docs")
    page.locator(".opblock").first.wait_for()


def test_an_image_from_an_unlisted_host_is_blocked(board, open_page, settings):
    """The detector itself works: a tracking pixel in a body is a reported violation."""
    post = Post.objects.filter(status="published").order_by("pk").first()
    Post.objects.filter(pk=post.pk).update(
        body=post.body + '<p><img src="http://127.0.0.2:9/pixel.gif" alt=""></p>'
    )
    from bulletin.posts.state import bump_content_version

    bump_content_version()
    page = open_page()
    console = watched(page)
    found = violations(page, post.get_absolute_url(), console)
    assert any("img-src" in text and "pixel.gif" in text for text in found), found
