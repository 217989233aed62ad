"""The reader's whole journey through a real SMTP server: subscribe, confirm, get
exactly one alert, leave with one click, get nothing more."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from bulletin.posts.models import Kind
from bulletin.scheduling.worker import run_once
from bulletin.subscriptions.models import Subscriber
from tests.subscriptions.conftest import SITE_URL, html_part, link_path, text_part

pytestmark = pytest.mark.django_db(transaction=True)
READER = "reader@example.net"


def subscribe(client: Client, path: str, address: str = READER, frequency="immediate"):
    page = client.get(path)
    assert page.status_code == 200
    form = BeautifulSoup(page.content, "html.parser").select_one(
        "main form[method=post]"
    )
    token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    return client.post(
        path,
        {"email": address, "frequency": frequency, "csrfmiddlewaretoken": token},
    )


def test_subscribe_confirm_alert_unsubscribe_and_nothing_more(inbox, make_post, now):
    client = Client(enforce_csrf_checks=True)
    lists = BeautifulSoup(client.get("/en/notices/").content, "html.parser")
    link = lists.find("a", string="Get e-mail alerts")
    assert link["href"] == "/en/notices/alerts/"
    answer = subscribe(client, link["href"])
    assert answer.status_code == 302
    assert answer["Location"] == reverse("alerts:sent")

    run_once()
    [confirmation] = inbox.to(READER)
    assert "Notice —" in text_part(confirmation)
    assert "List-Unsubscribe" not in confirmation
    confirm_path = link_path(text_part(confirmation), "confirm")

    make_post(kind=Kind.NOTICE, title="Before confirming", published_at=now)
    run_once()
    assert len(inbox.to(READER)) == 1, "nothing is sent before the link is used"

    page = client.get(confirm_path)
    token = BeautifulSoup(page.content, "html.parser").select_one(
        "input[name=csrfmiddlewaretoken]"
    )["value"]
    assert client.post(confirm_path, {"csrfmiddlewaretoken": token}).status_code == 200

    make_post(kind=Kind.NEWS, title="Not a notice", published_at=now)
    post = make_post(
        kind=Kind.NOTICE,
        title="Water cut on Friday",
        summary="Main street.",
        published_at=now,
    )
    run_once()
    run_once()
    alerts = inbox.to(READER)[1:]
    assert [m["Subject"] for m in alerts] == ["New: Water cut on Friday"]
    [alert] = alerts

    https, mailto = re.findall(r"<([^>]+)>", alert["List-Unsubscribe"])
    assert https.startswith(f"{SITE_URL}/alerts/unsubscribe/")
    assert mailto.startswith("mailto:unsubscribe@news.example.org?subject=unsubscribe")
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert alert["Auto-Submitted"] == "auto-generated"
    body, html = text_part(alert), html_part(alert)
    post_url = SITE_URL + post.get_absolute_url()
    assert post_url in body and "Main street." in body
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.select_one("h1 a")["href"] == post_url
    assert not soup.find("img"), "no tracking pixel"
    assert all(a["href"].startswith(SITE_URL) for a in soup.find_all("a"))

    # The mail program's one-click POST: no cookie, no CSRF token, no sign-in.
    mail_program = Client(enforce_csrf_checks=True)
    leave = mail_program.post(
        https.removeprefix(SITE_URL),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert leave.status_code == 200
    assert not Subscriber.objects.filter(email=READER).exists()

    make_post(kind=Kind.NOTICE, title="After leaving", published_at=now)
    run_once()
    run_once()
    assert len(inbox.to(READER)) == 2, "nothing more after unsubscribing"
