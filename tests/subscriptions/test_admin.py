"""Admins see what the outbox could not deliver: paused addresses, uncertain mail."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from bulletin.posts import clock
from bulletin.subscriptions.models import (
    Mail,
    MailKind,
    MailState,
    UndeliverableAddress,
)

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
