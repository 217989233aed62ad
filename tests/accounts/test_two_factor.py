"""Optional TOTP two-factor sign-in: set up with a QR code, then asked for at sign-in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.conftest import PASSWORD


def code_for(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def enrolled(client, editor, now, time_machine):
    """The editor has turned two-factor on, then signed out; the clock moved on."""
    client.force_login(editor)
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=editor)
    client.post(reverse("accounts:two_factor"), {"code": code_for(device)})
    client.post(reverse("accounts:logout"))
    time_machine.move_to(now + timedelta(minutes=1), tick=False)
    device.refresh_from_db()
    assert device.confirmed
    return device


def sign_in(client, next_url: str = "/manage/"):
    return client.post(
        reverse("accounts:login"),
        {"username": "editor", "password": PASSWORD, "next": next_url},
    )


def test_the_set_up_page_shows_a_qr_code_and_a_manual_key(client, editor, now):
    client.force_login(editor)
    response = client.get(reverse("accounts:two_factor"))
    assert response.status_code == 200
    assert (
        "no-store" in response["Cache-Control"]
        or "max-age=0" in response["Cache-Control"]
    )
    soup = BeautifulSoup(response.content, "html.parser")
    assert (
        soup.select_one("main figure.qr-code [role=img][aria-label] svg path")
        is not None
    )
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    key = soup.select_one("main code.manual-key").get_text().replace(" ", "")
    import base64

    assert base64.b32decode(key + "=" * (-len(key) % 8)) == device.bin_key
    assert soup.select_one(f"label[for={soup.select_one('input[name=code]')['id']}]")


def test_a_wrong_code_does_not_turn_it_on(client, editor, now):
    client.force_login(editor)
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=editor)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:two_factor"), {"code": wrong})
    assert response.status_code == 200
    assert "not right" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_a_person_without_two_factor_signs_in_with_the_password(client, editor):
    response = sign_in(client)
    assert response["Location"] == "/manage/"
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_with_two_factor_the_password_alone_does_not_sign_in(client, editor, enrolled):
    response = sign_in(client)
    assert response["Location"] == reverse("accounts:login_code")
    assert "_auth_user_id" not in client.session
    # The back office still sends them to sign in.
    manage = client.get("/manage/")
    assert manage.status_code == 302
    assert manage["Location"].startswith(reverse("accounts:login"))


def test_the_right_code_completes_sign_in_and_verifies_the_session(
    client, editor, enrolled
):
    sign_in(client)
    half_way_key = client.session.session_key
    response = client.post(reverse("accounts:login_code"), {"code": code_for(enrolled)})
    assert response.status_code == 302
    assert response["Location"] == "/manage/"
    # The session that held the half-done sign-in is not the one now signed in.
    assert client.session.session_key != half_way_key
    assert client.session["_auth_user_id"] == str(editor.pk)
    assert client.session["otp_device_id"] == enrolled.persistent_id


def test_a_code_cannot_be_used_twice(client, editor, enrolled):
    sign_in(client)
    code = code_for(enrolled)
    client.post(reverse("accounts:login_code"), {"code": code})
    client.post(reverse("accounts:logout"))
    sign_in(client)
    response = client.post(reverse("accounts:login_code"), {"code": code})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_an_unsafe_next_address_is_not_followed(client, editor, enrolled):
    sign_in(client, next_url="https://evil.example/")
    response = client.post(reverse("accounts:login_code"), {"code": code_for(enrolled)})
    assert response["Location"] == reverse("editorial:dashboard")


def test_guessing_codes_ends_in_the_same_lock_out(
    client, editor, enrolled, now, time_machine, settings
):
    sign_in(client)
    wrong = f"{(int(code_for(enrolled)) + 1) % 1_000_000:06d}"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login_code"), {"code": wrong})
    # The pending sign-in was dropped; the password step is now locked.
    assert sign_in(client).status_code == 429


def test_the_code_step_without_a_password_first_goes_back_to_sign_in(client, enrolled):
    response = client.post(reverse("accounts:login_code"), {"code": "123456"})
    assert response["Location"] == reverse("accounts:login")


def test_the_pending_sign_in_expires(client, editor, enrolled, now, time_machine):
    sign_in(client)
    time_machine.move_to(now + timedelta(minutes=10), tick=False)
    response = client.post(reverse("accounts:login_code"), {"code": code_for(enrolled)})
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_two_factor_is_turned_off_only_with_a_current_code(client, editor, enrolled):
    client.force_login(editor)
    wrong = f"{(int(code_for(enrolled)) + 1) % 1_000_000:06d}"
    client.post(reverse("accounts:two_factor"), {"code": wrong})
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    enrolled.refresh_from_db()
    enrolled.throttling_failure_count = 0
    enrolled.save()
    client.post(reverse("accounts:two_factor"), {"code": code_for(enrolled)})
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
