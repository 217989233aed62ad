"""The notifications page in Debian's Chromium: the language of one's e-mails chosen
by its label, saved, and free of axe-core WCAG 2.2 A/AA violations."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bulletin.accounts.profiles import mail_language
from bulletin.accounts.roles import Role
from tests.browser.a11y import axe_violations
from tests.browser.conftest import browser, live_server, open_page  # noqa: F401
from tests.browser.staff import make_staff, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_chooses_french_for_her_e_mails(
    live_server,  # noqa: F811
    open_page,  # noqa: F811
    django_user_model,
):
    erin = make_staff(django_user_model, "erin", Role.EDITOR)
    page = open_page()
    sign_in(page, "erin", "/manage/notifications/")
    assert axe_violations(page) == []
    page.get_by_label("Language of my e-mails").select_option(label="Français")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Your notification choices")
    expect(page.get_by_label("Language of my e-mails")).to_have_value("fr")
    assert axe_violations(page) == []
    assert mail_language(erin) == "fr"
