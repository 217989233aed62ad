"""Sign-in and two-factor set-up in Chromium: the steps work and pass axe-core."""

from __future__ import annotations

import base64

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.a11y import axe_violations
from tests.browser.conftest import browser, live_server, open_page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


def current_code(key: bytes) -> str:
    return f"{TOTP(key).token():06d}"


@pytest.fixture
def person(live_server, django_user_model):  # noqa: F811
    return django_user_model.objects.create_user(
        "clerk", email="clerk@example.org", password=PASSWORD, is_staff=True
    )


def fill_sign_in(page, next_url: str) -> None:
    page.goto(f"{reverse('accounts:login')}?next={next_url}")
    page.get_by_label("Username").fill("clerk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_turning_on_two_factor_with_the_key_shown_on_the_page(person, open_page):  # noqa: F811
    page = open_page()
    fill_sign_in(page, reverse("accounts:two_factor"))
    expect(page.get_by_role("heading", name="Two-factor sign-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code")).to_be_visible()
    assert axe_violations(page) == []

    typed = page.locator("code.manual-key").inner_text().replace(" ", "")
    key = base64.b32decode(typed + "=" * (-len(typed) % 8))
    page.get_by_label("Code from your authenticator app").fill(current_code(key))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_text("Two-factor sign-in is on.").first).to_be_visible()
    assert TOTPDevice.objects.get(user=person).confirmed


def test_signing_in_with_a_code_after_the_password(person, open_page):  # noqa: F811
    device = TOTPDevice.objects.create(user=person, name="phone", confirmed=True)
    page = open_page(390)
    fill_sign_in(page, reverse("accounts:two_factor"))
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("not right")
    assert axe_violations(page) == []

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.save()
    page.get_by_label("Code from your authenticator app").fill(
        current_code(device.bin_key)
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Two-factor sign-in is on.").first).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_the_password_reset_pages_pass_axe(person, open_page, mailoutbox):  # noqa: F811
    page = open_page()
    page.goto(reverse("accounts:password_reset"))
    assert axe_violations(page) == []
    page.get_by_label("Email").fill("clerk@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert len(mailoutbox) == 1
