"""The sign-up form in Debian's Chromium: reached from a list by its link, usable by
its labels, clear about a bad address, and free of axe-core WCAG 2.2 A/AA violations."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bulletin.subscriptions.models import Frequency, Subscription
from tests.browser.a11y import axe_violations
from tests.browser.conftest import browser, live_server, open_page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_reader_asks_for_a_daily_digest_of_notices(live_server, open_page, scheme):  # noqa: F811
    page = open_page(color_scheme=scheme)
    page.goto("/en/notices/")
    page.get_by_role("link", name="Get e-mail alerts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get e-mail alerts")
    assert axe_violations(page) == []

    page.get_by_label("Your e-mail address").fill("not-an-address")
    page.get_by_role("button", name="Subscribe").click()
    error = page.locator(".field--error")
    expect(error).to_contain_text("valid email address")
    expect(page.get_by_label("Your e-mail address")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert axe_violations(page) == [], "the error state is accessible too"

    page.get_by_label("Your e-mail address").fill("reader@example.net")
    page.get_by_label("A daily digest").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    assert axe_violations(page) == []
    subscription = Subscription.objects.get()
    assert (subscription.kind, subscription.frequency) == ("notice", Frequency.DAILY)
    assert subscription.confirmed_at is None


def test_an_admin_resumes_a_paused_address_from_the_back_office(
    live_server,  # noqa: F811
    open_page,  # noqa: F811
    django_user_model,
):
    from django.contrib.auth.models import Group, Permission

    from bulletin.accounts.roles import Role
    from bulletin.posts import clock
    from bulletin.subscriptions.models import UndeliverableAddress
    from tests.browser.staff import make_staff, sign_in

    chen = make_staff(django_user_model, "chen", Role.EDITOR)
    admins, _ = Group.objects.get_or_create(name=Role.ADMIN.value)
    admins.permissions.set(Permission.objects.all())
    chen.groups.add(admins)
    UndeliverableAddress.objects.create(
        address="gone@example.net",
        failures=3,
        last_error="550 5.1.1 No such mailbox",
        paused_at=clock.now(),
    )
    page = open_page()
    sign_in(page, "chen", "/manage/")
    page.get_by_role("link", name="E-mail alerts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("E-mail alerts")
    expect(page.get_by_role("rowheader", name="gone@example.net")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Resume gone@example.net").click()
    expect(page.get_by_text("No address is paused.")).to_be_visible()
    assert axe_violations(page) == []
    assert not UndeliverableAddress.objects.exists()
