"""Admins see what the outbox could not deliver: paused addresses and uncertain mail,
in the back office's E-mail alerts page (site admins) and the Django admin."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from bulletin.accounts.roles import Role
from bulletin.posts import clock
from bulletin.subscriptions.models import (
    Mail,
    MailKind,
    MailState,
    UndeliverableAddress,
)
from tests.editorial.conftest import client_for
from tests.subscriptions.factories import follower

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_site_client(django_user_model) -> Client:
    admin = django_user_model.objects.create_superuser(
        "root", "root@example.org", "x-long-password"
    )
    client = Client()
    client.force_login(admin)
    return client


def test_paused_addresses_are_listed_for_admins_who_can_resume_them(
    admin_site_client,
):
    UndeliverableAddress.objects.create(
        address="gone@example.net",
        failures=3,
        last_error="550 5.1.1 No such mailbox",
        last_failed_at=clock.now(),
        paused_at=clock.now(),
    )
    UndeliverableAddress.objects.create(address="once@example.net", failures=1)
    url = "/admin/subscriptions/undeliverableaddress/"
    page = admin_site_client.get(url, {"paused_at__isempty": "0"})
    assert page.status_code == 200
    rows = BeautifulSoup(page.content, "html.parser").select("#result_list tbody tr")
    assert len(rows) == 1
    assert "gone@example.net" in rows[0].get_text()
    assert "No such mailbox" in rows[0].get_text()

    record = UndeliverableAddress.objects.get(address="gone@example.net")
    answer = admin_site_client.post(
        url, {"action": "resume", "_selected_action": [record.pk]}
    )
    assert answer.status_code == 302
    assert not UndeliverableAddress.objects.filter(address="gone@example.net").exists()


def test_uncertain_mail_is_found_in_the_outbox(admin_site_client):
    Mail.objects.create(
        key="alert:1:1",
        kind=MailKind.MESSAGE,
        address="maybe@example.net",
        state=MailState.UNCERTAIN,
    )
    Mail.objects.create(
        key="alert:1:2",
        kind=MailKind.MESSAGE,
        address="sure@example.net",
        state=MailState.SENT,
    )
    page = admin_site_client.get(
        "/admin/subscriptions/mail/", {"state__exact": MailState.UNCERTAIN}
    )
    rows = BeautifulSoup(page.content, "html.parser").select("#result_list tbody tr")
    assert [r.find("a").get_text() for r in rows] == ["alert:1:1"]


def signed_in(django_user_model, username: str, role: Role) -> Client:
    user = django_user_model.objects.create_user(username, password="x")
    user.groups.add(Group.objects.get(name=role.value))
    return client_for(user)


def paused(address: str) -> UndeliverableAddress:
    return UndeliverableAddress.objects.create(
        address=address,
        failures=3,
        last_error="550 5.1.1 No such mailbox",
        last_failed_at=clock.now(),
        paused_at=clock.now(),
    )


def test_admins_see_paused_addresses_in_the_back_office_and_resume_one(
    django_user_model,
):
    admin = signed_in(django_user_model, "ada", Role.ADMIN)
    record = paused("gone@example.net")
    UndeliverableAddress.objects.create(address="once@example.net", failures=1)
    dashboard = BeautifulSoup(admin.get("/manage/").content, "html.parser")
    link = dashboard.select_one("nav.backoffice-nav").find("a", string="E-mail alerts")
    page = BeautifulSoup(admin.get(link["href"]).content, "html.parser")
    rows = page.select("main table tbody tr")
    assert [r.th.get_text(strip=True) for r in rows] == ["gone@example.net"]
    assert "No such mailbox" in rows[0].get_text()
    assert admin.post(rows[0].form["action"]).status_code == 302
    assert not UndeliverableAddress.objects.filter(pk=record.pk).exists()
    after = BeautifulSoup(admin.get(link["href"]).content, "html.parser")
    assert "No address is paused." in after.select_one("main").get_text()


def test_the_page_counts_followers_and_mail_by_state(django_user_model):
    admin = signed_in(django_user_model, "ada", Role.ADMIN)
    follower("a@example.net")
    for n, state in enumerate([MailState.PENDING, MailState.UNCERTAIN]):
        Mail.objects.create(
            key=f"k{n}", kind=MailKind.MESSAGE, address="a@example.net", state=state
        )
    page = BeautifulSoup(
        admin.get(reverse("alerts_manage:delivery")).content, "html.parser"
    )
    figures = {
        div.dt.get_text(strip=True): div.dd.get_text(strip=True)
        for div in page.select("main dl div")
    }
    assert figures["People following a list"] == "1"
    assert figures["Mails waiting to be sent"] == "1"
    assert figures["Mails that failed"] == "0"
    assert any(
        k.startswith("Mails of unknown fate") and v == "1" for k, v in figures.items()
    )


def test_only_admins_see_or_resume(django_user_model):
    editor = signed_in(django_user_model, "erin", Role.EDITOR)
    record = paused("gone@example.net")
    assert editor.get(reverse("alerts_manage:delivery")).status_code == 403
    assert (
        editor.post(reverse("alerts_manage:resume", args=[record.pk])).status_code
        == 403
    )
    assert UndeliverableAddress.objects.filter(pk=record.pk).exists()
    nav = BeautifulSoup(editor.get("/manage/").content, "html.parser")
    assert not nav.find("a", string="E-mail alerts")
