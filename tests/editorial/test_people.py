"""Admins manage people without the Django admin: invite, change role, deactivate."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from bulletin.accounts.profiles import mail_language
from bulletin.accounts.roles import Role, role_of

pytestmark = pytest.mark.django_db


def test_an_admin_invites_someone_by_email_with_a_role(admin_client_):
    response = admin_client_.post(
        reverse("editorial:people"),
        {"email": "Noor@Example.org", "name": "Noor Haddad", "role": "Editor"},
    )
    assert response.status_code == 302
    person = get_user_model().objects.get(email="noor@example.org")
    assert role_of(person) == Role.EDITOR and person.first_name == "Noor"
    assert not person.is_staff, "the Django admin stays for superusers"
    (message,) = mail.outbox
    assert message.to == ["noor@example.org"]
    assert "/accounts/password-reset/" in message.body


def test_an_address_already_in_use_is_refused_on_the_field(admin_client_, author):
    author.email = "alice@example.org"
    author.save()
    response = admin_client_.post(
        reverse("editorial:people"),
        {"email": "ALICE@example.org", "name": "A", "role": "Author"},
    )
    assert response.status_code == 400
    assert "already has an account" in response.content.decode()
    assert not mail.outbox


def test_roles_change_and_accounts_deactivate_with_last_sign_in_shown(
    admin_client_, author
):
    url = reverse("editorial:person", args=[author.pk])
    admin_client_.post(url, {"action": "role", "role": "Editor"})
    author.refresh_from_db()
    author.__dict__.pop("_bulletin_role", None)
    assert role_of(get_user_model().objects.get(pk=author.pk)) == Role.EDITOR
    admin_client_.post(url, {"action": "deactivate"})
    assert not get_user_model().objects.get(pk=author.pk).is_active
    page = BeautifulSoup(
        admin_client_.get(reverse("editorial:people")).content, "html.parser"
    )
    row = page.find("th", string=author.username).parent
    assert "Never" in row.text and "Deactivated" in row.text


def test_admins_cannot_deactivate_themselves(admin_client_, admin_user):
    admin_client_.post(
        reverse("editorial:person", args=[admin_user.pk]), {"action": "deactivate"}
    )
    assert get_user_model().objects.get(pk=admin_user.pk).is_active


def test_editors_cannot_manage_people(editor_client, author):
    assert editor_client.get(reverse("editorial:people")).status_code == 403
    response = editor_client.post(
        reverse("editorial:person", args=[author.pk]), {"action": "deactivate"}
    )
    assert response.status_code == 403


def test_an_invitation_sets_the_language_of_the_person_s_mail(admin_client_):
    page = BeautifulSoup(
        admin_client_.get(reverse("editorial:people")).content, "html.parser"
    )
    select = page.select_one("main form select[name=language]")
    assert select.find("option", selected=True)["value"] == "en", "the site's"
    response = admin_client_.post(
        reverse("editorial:people"),
        {
            "email": "f@example.org",
            "name": "Françoise Roy",
            "role": "Editor",
            "language": "fr",
        },
    )
    assert response.status_code == 302
    person = get_user_model().objects.get(email="f@example.org")
    assert mail_language(person) == "fr"
    (message,) = mail.outbox
    assert "Votre nom d'utilisateur" in message.body, "the invitation in French too"
