"""Argon2 hashes, safe cookies, sign-in and sign-out, password reset by e-mail."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.urls import reverse

from bulletin.settings import base
from tests.accounts.conftest import PASSWORD


def test_argon2_hashes_new_passwords(settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    assert (
        base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    )
    hashed = make_password("s3cret words")
    assert hashed.startswith("argon2$argon2id$")
    assert check_password("s3cret words", hashed)


def test_an_old_pbkdf2_hash_is_upgraded_to_argon2_at_sign_in(client, db, settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    user = get_user_model().objects.create(username="old")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()
    response = client.post(
        reverse("accounts:login"), {"username": "old", "password": PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


def production_settings(**env: str) -> dict:
    """Read the site settings as a fresh process with this environment would."""
    code = (
        "import json, bulletin.settings.base as s;"
        "print(json.dumps({k: getattr(s, k) for k in ("
        "'SESSION_COOKIE_NAME','SESSION_COOKIE_SECURE','SESSION_COOKIE_HTTPONLY',"
        "'SESSION_COOKIE_SAMESITE','CSRF_COOKIE_NAME','CSRF_COOKIE_SECURE',"
        "'SESSION_EXPIRE_AT_BROWSER_CLOSE','SECURE_HSTS_SECONDS')}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BULLETIN_HTTPS")}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "BULLETIN_SECRET_KEY": "k", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_behind_https_cookies_are_secure_and_host_locked():
    values = production_settings(BULLETIN_HTTPS="1")
    assert values["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert values["CSRF_COOKIE_NAME"].startswith("__Host-")
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000


def test_signing_in_sets_an_httponly_lax_session_cookie(client, editor):
    client.get(reverse("accounts:login"))
    response = client.post(
        reverse("accounts:login"),
        {"username": "editor", "password": PASSWORD, "next": "/manage/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/manage/"
    cookie = response.cookies[base.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_the_sign_in_page_is_an_accessible_form(client, db):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("main form[method=post]")
    for name in ("username", "password"):
        field = form.select_one(f"input[name={name}]")
        assert soup.select_one(f"label[for={field['id']}]") is not None
    assert soup.select_one("main a[href]")["href"] == reverse("accounts:password_reset")


def test_a_wrong_password_is_refused_with_a_message(client, editor):
    response = client.post(
        reverse("accounts:login"), {"username": "editor", "password": "nope"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("main .error-summary[role=alert]") is not None


def test_signing_out_ends_the_session(client, editor):
    client.force_login(editor)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_goes_through_the_accounts_sign_in(client, db):
    response = client.get("/admin/", follow=True)
    first_hop, second_hop = response.redirect_chain[:2]
    assert first_hop[0].startswith("/admin/login/")
    assert second_hop[0] == reverse("accounts:login") + "?next=%2Fadmin%2F"
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["Author", "Editor"])
def test_a_signed_in_author_or_editor_at_the_admin_gets_a_plain_403(client, db, role):
    from django.contrib.auth.models import Group

    person = get_user_model().objects.create_user("pat", password="pw", is_staff=True)
    person.groups.add(Group.objects.get(name=role))
    client.force_login(person)
    # Before: /admin/ → /admin/login/ → /accounts/login/ → /admin/ … for ever.
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 1
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Admin role" in soup.select_one("main").get_text()
    assert soup.select_one("main a")["href"] == reverse("editorial:dashboard")


def test_a_password_is_reset_through_an_emailed_link(client, editor, mailoutbox):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "editor@example.org"}
    )
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    link = re.search(r"http://localhost:8000(/\S+)", mailoutbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new = "a quite different passphrase 42"
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": new, "new_password2": new},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    editor.refresh_from_db()
    assert editor.check_password(new)
    # The link works once.
    again = client.get(link, follow=True)
    assert "has been used or has expired" in again.content.decode()


@pytest.mark.parametrize("email", ["nobody@example.org", "not an address"])
def test_a_reset_for_an_unknown_address_says_nothing_and_sends_nothing(
    client, db, mailoutbox, email
):
    response = client.post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code in (200, 302)
    assert mailoutbox == []
