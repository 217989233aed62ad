"""What staff do in the browser: sign in, and write a body in the rich-text editor."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.auth.models import Group, Permission
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Page, expect

from bulletin.accounts.roles import ROLE_PERMISSIONS, Role

PASSWORD = "a-long-test-password"


def make_staff(django_user_model, username: str, role: Role):
    """A person holding a back-office role.

    The role groups come from a data migration, which a transactional test's flush
    empties, so they are made again here from the same permission lists.
    """
    group, _ = Group.objects.get_or_create(name=role.value)
    for name in ROLE_PERMISSIONS[role]:
        app_label, codename = name.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    user = django_user_model.objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        first_name=username.capitalize(),
        is_staff=True,
    )
    user.groups.add(group)
    return user


def login_url() -> str:
    """The site's sign-in page, or the admin's until the site has its own."""
    try:
        return reverse("accounts:login")
    except NoReverseMatch:
        return reverse("admin:login")


def sign_in(page: Page, username: str, next_url: str) -> None:
    page.goto(f"{login_url()}?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form [type=submit], #content form [type=submit]").last.click()
    page.wait_for_url(lambda url: urlsplit(url).path == next_url)


def sign_out(page: Page) -> None:
    page.context.clear_cookies()


def write_body(page: Page, *, link: str, image: str, alt: str) -> None:
    """Type a body with a heading, a paragraph, a bulleted list, a link and an image,
    using the editor's own menu and dialogs."""
    editor = page.locator(".prose-editor [contenteditable=true]")
    menu = page.locator(".prose-menubar")
    editor.click()

    menu.locator(".prose-menubar__selected").click()
    menu.locator("[data-name=heading2]").click()
    page.keyboard.type("What changes for residents")
    page.keyboard.press("Enter")
    page.keyboard.type("The works on the northern main end in March.")
    page.keyboard.press("Enter")

    menu.locator("[data-name=bulletList]").click()
    page.keyboard.type("Lower pressure from 06:00 to 09:00")
    page.keyboard.press("Enter")
    page.keyboard.type("Bottled water at the town hall")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list

    page.keyboard.type("Read the full timetable")
    page.keyboard.press("Shift+Home")
    # Ctrl+K links the selected words once the editor has seen the selection.
    editor.evaluate(
        "el => new Promise(done => { const check = () => el.editor.state.selection.empty"
        " ? requestAnimationFrame(check) : done(); check(); })"
    )
    page.keyboard.press("Control+k")
    dialog = page.get_by_role("dialog", name="Link")
    dialog.get_by_label("Web address").fill(link)
    dialog.get_by_role("button", name="Apply").click()
    expect(dialog).to_have_count(0)
    expect(editor.locator(f"a[href='{link}']")).to_have_text("Read the full timetable")
    # The editor takes the focus back with the linked words selected. Collapse the
    # selection, and wait for the editor itself to know it did (it learns of
    # selection changes from a later browser event) before Enter splits the line.
    expect(editor).to_be_focused()
    page.keyboard.press("End")
    editor.evaluate(
        "el => new Promise(done => { const check = () => el.editor.state.selection.empty"
        " ? done() : requestAnimationFrame(check); check(); })"
    )
    page.keyboard.press("Enter")
    expect(editor.locator("p", has_text="Read the full timetable")).to_have_count(1)

    insert_image(page, image, alt=alt)


def insert_image(page: Page, image, *, alt: str = "", caption: str = "") -> None:
    """Upload an image file through the editor's image button and dialog."""
    editor = page.locator(".prose-editor [contenteditable=true]")
    page.get_by_role("toolbar").get_by_role("button", name="Image").click()
    dialog = page.get_by_role("dialog", name="Insert an image")
    dialog.get_by_label("Upload an image").set_input_files(image)
    dialog.get_by_label("Alt text").fill(alt)
    if caption:
        dialog.get_by_label("Caption (optional)").fill(caption)
    dialog.get_by_role("button", name="Insert image").click()
    expect(dialog).to_have_count(0)
    expect(editor.locator(f"img[alt='{alt}']")).to_have_count(1)


def make_png(path, size=(1800, 900), colour=(30, 90, 160)) -> None:
    """A real PNG, wide enough to get every rendition width."""
    from PIL import Image

    Image.new("RGB", size, colour).save(path, "PNG")
