"""Leaving: the one-click POST, the mailto request piped to a command, bad links."""

from __future__ import annotations

import io
import sys
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from bulletin.posts import clock
from bulletin.subscriptions import services, tokens
from bulletin.subscriptions.models import Frequency, Subscriber, Subscription

pytestmark = pytest.mark.django_db


def follower(
    email="a@example.net", lists=("",)
) -> tuple[Subscriber, list[Subscription]]:
    subscriber = Subscriber.objects.create(email=email, language="en")
    subs = [
        Subscription.objects.create(
            subscriber=subscriber,
            language="en",
            kind=kind,
            frequency=Frequency.IMMEDIATE,
            confirmed_at=clock.now(),
        )
        for kind in lists
    ]
    return subscriber, subs


def test_the_mailto_request_piped_to_the_command_unsubscribes(monkeypatch):
    subscriber, subs = follower(lists=("", "notice"))
    token = tokens.unsubscribe_token(subscriber, [subs[1].pk])
    mailto = f"mailto:u@x?subject=unsubscribe%20{token}"
    request = EmailMessage()
    request["From"] = "a@example.net"
    request["Subject"] = unquote(urlsplit(mailto).query.removeprefix("subject="))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(request.as_bytes())))
    out = io.StringIO()
    call_command("unsubscribe-mail", stdout=out)
    assert "unsubscribed" in out.getvalue()
    assert list(subscriber.subscriptions.all()) == [subs[0]]


def test_leaving_the_last_list_forgets_the_address():
    subscriber, subs = follower()
    services.leave(subscriber, [subs[0].pk])
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("token", ["", "garbage", "a:b:c", "x" * 500])
def test_a_damaged_link_answers_400_on_every_page(token):
    client = Client()
    for name in ("confirm", "unsubscribe", "manage"):
        response = client.get(f"/alerts/{name}/{token or 'x'}/")
        assert response.status_code == 400, name
        assert b"This link does not work" in response.content


def test_a_second_one_click_after_leaving_still_answers_200():
    subscriber, subs = follower()
    token = tokens.unsubscribe_token(subscriber, [subs[0].pk])
    client = Client(enforce_csrf_checks=True)
    for _ in range(2):
        response = client.post(
            f"/alerts/unsubscribe/{token}/",
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200


def test_a_link_from_a_deleted_address_does_not_work_for_a_new_one():
    subscriber, _ = follower()
    token = tokens.manage_token(subscriber)
    services.forget(subscriber)
    follower()  # the same address signs up again: a new key
    assert Client().get(f"/alerts/manage/{token}/").status_code == 400
