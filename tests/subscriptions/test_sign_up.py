"""The sign-up form: double opt-in, the same answer for every address, throttling,
and clear errors for bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from bulletin.posts import clock
from bulletin.subscriptions import services, tokens
from bulletin.subscriptions.models import (
    Frequency,
    Mail,
    MailKind,
    SignupAttempt,
    Subscriber,
    Subscription,
)
from tests.subscriptions.factories import follower

pytestmark = pytest.mark.django_db
FORM = "/en/alerts/"


def post(client: Client, email: str, ip: str = "192.0.2.1", path: str = FORM):
    return client.post(path, {"email": email, "frequency": "daily"}, REMOTE_ADDR=ip)


def test_the_answer_is_the_same_for_new_pending_and_confirmed_addresses():
    client = Client()
    confirmed = Subscriber.objects.create(email="known@example.net", language="en")
    Subscription.objects.create(
        subscriber=confirmed,
        language="en",
        frequency=Frequency.IMMEDIATE,
        confirmed_at=clock.now(),
    )
    answers = [
        post(client, "new@example.net"),
        post(client, "new@example.net"),
        post(client, "known@example.net"),
    ]
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, "/en/alerts/sent/")
    }
    assert (
        Client().get("/en/alerts/sent/").content
        == Client().get("/en/alerts/sent/").content
    )


def test_a_confirmed_subscription_keeps_its_frequency_until_the_new_link_is_used():
    subscriber = Subscriber.objects.create(email="known@example.net", language="en")
    subscription = Subscription.objects.create(
        subscriber=subscriber,
        language="en",
        frequency=Frequency.IMMEDIATE,
        confirmed_at=clock.now(),
    )
    post(Client(), "known@example.net")
    subscription.refresh_from_db()
    assert subscription.frequency == Frequency.IMMEDIATE
    mail = Mail.objects.get(kind=MailKind.CONFIRM)
    assert mail.data["frequency"] == Frequency.DAILY


def test_one_address_gets_at_most_three_confirmations_an_hour_silently():
    client = Client()
    answers = [post(client, "Victim@Example.NET", ip=f"192.0.2.{n}") for n in range(6)]
    assert {a.status_code for a in answers} == {302}
    assert Mail.objects.filter(kind=MailKind.CONFIRM).count() == services.PER_ADDRESS
    assert Subscriber.objects.get().email == "Victim@example.net"


def test_one_network_address_is_refused_with_429_after_twenty_sign_ups():
    client = Client()
    for n in range(services.PER_NETWORK):
        assert post(client, f"p{n}@example.net", ip="2001:db8::1").status_code == 302
    # Another host of the same /64 is the same network.
    refused = post(client, "late@example.net", ip="2001:db8::ffff")
    assert refused.status_code == 429
    assert b"Too many sign-ups" in refused.content
    assert post(client, "late@example.net", ip="198.51.100.7").status_code == 302


def test_nothing_stored_about_the_form_is_the_address_or_network_in_clear():
    post(Client(), "private@example.net", ip="203.0.113.9")
    from bulletin.subscriptions.models import SignupAttempt

    attempt = SignupAttempt.objects.get()
    assert "private" not in attempt.address and "203.0" not in attempt.network


@pytest.mark.parametrize(
    "email",
    ["", "not-an-address", "a@", "@b.org", "x" * 250 + "@example.net", "a\x00@b.org"],
)
def test_a_bad_address_is_refused_with_a_message_and_nothing_stored(email):
    answer = Client().post(FORM, {"email": email, "frequency": "daily"})
    assert answer.status_code == 400
    assert b"field--error" in answer.content
    assert not Subscriber.objects.exists()


def test_a_bad_frequency_is_refused():
    answer = Client().post(FORM, {"email": "a@example.net", "frequency": "hourly"})
    assert answer.status_code == 400
    assert not Subscriber.objects.exists()


def test_an_unknown_topic_has_no_form(make_topic):
    assert Client().get("/en/topics/nothing-here/alerts/").status_code == 404
    topic = make_topic("Water")
    assert Client().get(f"/en/events/topics/{topic.slug}/alerts/").status_code == 200


def test_the_form_records_the_list_and_the_page_language(make_topic):
    topic = make_topic("Roads")
    Client().post(
        f"/fr/notices/topics/{topic.slug}/alerts/",
        {"email": "a@example.net", "frequency": "weekly"},
    )
    subscription = Subscription.objects.get()
    assert (subscription.language, subscription.kind, subscription.topic) == (
        "fr",
        "notice",
        topic,
    )
    assert subscription.confirmed_at is None
    assert subscription.subscriber.language == "fr"


def test_a_confirmation_link_works_for_three_days_and_then_no_more(now, time_machine):
    post(Client(), "late@example.net")
    subscription = Subscription.objects.get()
    path = f"/alerts/confirm/{tokens.confirm_token(subscription, 'daily')}/"
    time_machine.move_to(now + timedelta(days=3, minutes=-1), tick=False)
    assert Client().get(path).status_code == 200
    time_machine.move_to(now + timedelta(days=3, minutes=1), tick=False)
    late = Client().post(path)
    assert late.status_code == 400
    assert b"This link does not work" in late.content
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_throttling_records_go_after_a_day_and_unconfirmed_requests_after_a_week(
    now, time_machine
):
    post(Client(), "maybe@example.net")
    follower("sure@example.net")
    assert SignupAttempt.objects.exists()
    time_machine.move_to(now + timedelta(days=1, minutes=1), tick=False)
    services.prune()
    assert not SignupAttempt.objects.exists()
    assert Subscriber.objects.filter(email="maybe@example.net").exists()
    time_machine.move_to(now + timedelta(days=7, minutes=1), tick=False)
    services.prune()
    assert list(Subscriber.objects.values_list("email", flat=True)) == [
        "sure@example.net"
    ]
    assert not Mail.objects.filter(address="maybe@example.net").exists()


def test_the_form_says_what_is_kept_and_for_how_long():
    page = BeautifulSoup(Client().get(FORM).content, "html.parser")
    note = page.select_one("main section.privacy-note")
    assert note.find("h2").get_text(strip=True) == "What we keep"
    text = note.get_text(" ", strip=True)
    for promise in ("only your e-mail address", "do not track", "7 days", "one day"):
        assert promise in text


@pytest.mark.parametrize(
    ("list_path", "language", "kind", "with_topic"),
    [
        ("/en/", "en", "", False),
        ("/en/notices/", "en", "notice", False),
        ("/en/topics/{topic}/", "en", "", True),
        ("/en/events/topics/{topic}/", "en", "event", True),
        ("/fr/news/", "fr", "news", False),
    ],
)
def test_every_list_links_to_alerts_for_exactly_that_list(
    make_topic, list_path, language, kind, with_topic
):
    topic = make_topic("Roads")
    path = list_path.format(topic=topic.slug)
    page = BeautifulSoup(Client().get(path).content, "html.parser")
    link = page.select_one("main .list-alerts a")
    assert link["href"] == f"{path}alerts/"
    Client().post(link["href"], {"email": "a@example.net", "frequency": "weekly"})
    subscription = Subscription.objects.get()
    assert (subscription.language, subscription.kind, subscription.topic) == (
        language,
        kind,
        topic if with_topic else None,
    )
