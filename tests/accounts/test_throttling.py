"""Brute force against sign-in is paused by django-axes, and the pause ends."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.accounts.conftest import PASSWORD


def attempt(client, username: str, password: str):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}
    )


def test_five_wrong_passwords_lock_the_account_from_that_address(
    client, editor, now, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "editor", "guess").status_code == 200
    locked = attempt(client, "editor", "guess")
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    # Even the right password is refused while the lock holds.
    assert attempt(client, "editor", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_account_so_colleagues_can_still_sign_in(
    client, editor, now, settings
):
    get_user_model().objects.create_user("colleague", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "editor", "guess")
    assert attempt(client, "colleague", PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client, editor, now, time_machine, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "editor", "guess")
    time_machine.move_to(
        now + settings.AXES_COOLOFF_TIME + timedelta(seconds=1), tick=False
    )
    assert attempt(client, "editor", PASSWORD).status_code == 302


def test_a_successful_sign_in_resets_the_count(client, editor, now, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "editor", "guess")
    assert attempt(client, "editor", PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "editor", "guess").status_code == 200
    assert attempt(client, "editor", PASSWORD).status_code == 302


def test_the_admin_has_no_sign_in_form_of_its_own_to_brute_force(client, editor):
    response = client.post("/admin/login/", {"username": "editor", "password": "guess"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_behind_the_https_proxy_the_lock_follows_the_real_client_address(
    client, editor, settings
):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The guesser forges an address of their own; the proxy appends the real one.
    guesser = {"HTTP_X_FORWARDED_FOR": "198.51.100.7, 203.0.113.5"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt_from(client, "x", guesser)
    assert attempt_from(client, PASSWORD, guesser).status_code == 429
    # The real editor, at another address behind the same proxy, is not locked out.
    editor_at = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert attempt_from(client, PASSWORD, editor_at).status_code == 302


def test_without_a_proxy_a_forged_forwarded_for_is_ignored(client, editor, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt_from(client, "x", {"HTTP_X_FORWARDED_FOR": f"203.0.113.{n}"})
    assert (
        attempt_from(client, PASSWORD, {"HTTP_X_FORWARDED_FOR": "1.1.1.1"}).status_code
        == 429
    )


def attempt_from(client, password: str, headers: dict):
    return client.post(
        reverse("accounts:login"),
        {"username": "editor", "password": password},
        **headers,
    )


def test_one_address_trying_many_accounts_is_paused_across_all_of_them(
    client, editor, now, settings
):
    settings.BULLETIN_LOGIN_ADDRESS_LIMIT = 8
    # Fewer tries per account than would lock any one of them…
    names = [f"person{n}" for n in range(4)]
    for name in names:
        for _ in range(settings.AXES_FAILURE_LIMIT - 3):
            assert attempt(client, name, "guess").status_code == 200
    # …but from one address, over all of them, it is enough: even the right
    # password for an account this address never tried is refused for a while.
    paused = attempt(client, "editor", PASSWORD)
    assert paused.status_code == 429
    assert "Too many attempts" in paused.content.decode()
    # From another address the editor signs in at once.
    other = client.post(
        reverse("accounts:login"),
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.44",
    )
    assert other.status_code == 302


def test_the_address_pause_ends_after_the_cool_off(
    client, editor, now, time_machine, settings
):
    settings.BULLETIN_LOGIN_ADDRESS_LIMIT = 3
    for n in range(3):
        attempt(client, f"person{n}", "guess")
    assert attempt(client, "editor", PASSWORD).status_code == 429
    time_machine.move_to(
        now + settings.AXES_COOLOFF_TIME + timedelta(seconds=1), tick=False
    )
    assert attempt(client, "editor", PASSWORD).status_code == 302
