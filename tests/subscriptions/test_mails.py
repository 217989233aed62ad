"""Mail in the subscriber's language, and the page that manages an address."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from bulletin.posts.models import Kind
from bulletin.scheduling.worker import run_once
from bulletin.subscriptions import tokens
from bulletin.subscriptions.models import Frequency, Mail, Subscriber, Subscription
from tests.subscriptions.conftest import SITE_URL, html_part, link_path, text_part
from tests.subscriptions.factories import follower


@pytest.mark.django_db(transaction=True)
def test_a_french_follower_gets_french_mail_about_the_french_post(
    inbox, make_post, now
):
    follower("lecteur@example.net", language="fr", kind=Kind.NOTICE)
    post = make_post(
        kind=Kind.NOTICE, language="fr", title="Coupure d’eau", published_at=now
    )
    make_post(kind=Kind.NOTICE, language="en", title="Water cut", published_at=now)
    run_once()
    run_once()
    [mail] = inbox.to("lecteur@example.net")
    assert mail["Subject"] == "Nouveau : Coupure d’eau"
    assert "Arrêter ces alertes" in text_part(mail)
    assert SITE_URL + "/fr/" in text_part(mail)
    assert post.slug in text_part(mail)
    assert BeautifulSoup(html_part(mail), "html.parser").html["lang"] == "fr"
    assert mail["Content-Language"] == "fr"
    assert "15 juin 2026" in text_part(mail), "the post's date, the French way"


@pytest.mark.django_db
def test_the_manage_page_changes_frequency_stops_a_list_and_forgets_everything():
    first = follower("a@example.net", kind=Kind.NOTICE)
    second = follower("a@example.net", kind=Kind.EVENT)
    subscriber = first.subscriber
    path = f"/alerts/manage/{tokens.manage_token(subscriber)}/"
    client = Client()
    page = BeautifulSoup(client.get(path).content, "html.parser")
    assert [h.get_text() for h in page.select("main li h2")] == ["Notice", "Event"]

    client.post(
        path, {"subscription": first.pk, "frequency": "weekly", "action": "save"}
    )
    first.refresh_from_db()
    assert first.frequency == Frequency.WEEKLY
    client.post(
        path, {"subscription": second.pk, "frequency": "daily", "action": "stop"}
    )
    assert list(Subscription.objects.all()) == [first]

    Mail.objects.create(
        key="k", kind="alert", address="a@example.net", subscriber=subscriber
    )
    answer = client.post(path, {"action": "forget"})
    assert b"Your address is deleted" in answer.content
    assert not Subscriber.objects.exists() and not Mail.objects.exists()
    assert client.get(path).status_code == 400


@pytest.mark.django_db
def test_someone_elses_subscription_cannot_be_changed_from_my_page():
    mine = follower("me@example.net")
    theirs = follower("them@example.net")
    path = f"/alerts/manage/{tokens.manage_token(mine.subscriber)}/"
    Client().post(
        path, {"subscription": theirs.pk, "frequency": "weekly", "action": "save"}
    )
    Client().post(
        path, {"subscription": theirs.pk, "frequency": "weekly", "action": "stop"}
    )
    theirs.refresh_from_db()
    assert theirs.frequency == Frequency.IMMEDIATE


def test_link_path_finds_confirm_links():
    assert (
        link_path(f"x {SITE_URL}/alerts/confirm/abc:1/ y", "confirm")
        == "/alerts/confirm/abc:1/"
    )
