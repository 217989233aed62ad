"""The outbox against a real SMTP server: retries with back-off, refusals that pause
an address, mail that is no longer owed, and keys that forbid doubles."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.db import transaction

from bulletin.posts.models import ChangeNote, Kind, Status
from bulletin.scheduling.worker import run_once
from bulletin.subscriptions import alerts, outbox
from bulletin.subscriptions.models import (
    AlertEvent,
    Mail,
    MailState,
    UndeliverableAddress,
)
from tests.subscriptions.conftest import free_port, text_part
from tests.subscriptions.factories import follower

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_server_that_is_down_is_retried_later_with_growing_delays(
    inbox, settings, make_post, time_machine, now
):
    follower("a@example.net")
    make_post(title="Storm warning", published_at=now)
    settings.EMAIL_PORT = free_port()  # nobody listens there
    run_once()
    run_once()
    mail = Mail.objects.get()
    assert (mail.state, mail.attempts) == (MailState.PENDING, 2 - 1)
    assert mail.run_after == now + timedelta(minutes=1)
    time_machine.move_to(now + timedelta(minutes=1), tick=False)
    run_once()
    mail.refresh_from_db()
    assert mail.attempts == 2 and mail.run_after == now + timedelta(minutes=3)
    assert "Connection" in mail.last_error or "refused" in mail.last_error.lower()

    settings.EMAIL_PORT = inbox.port
    time_machine.move_to(now + timedelta(minutes=3), tick=False)
    run_once()
    assert [m["Subject"] for m in inbox.to("a@example.net")] == ["New: Storm warning"]
    mail.refresh_from_db()
    assert mail.state == MailState.SENT


def test_an_address_refused_three_times_is_paused_and_gets_nothing_more(
    inbox, make_post, now
):
    inbox.refuse.add("gone@example.net")
    follower("gone@example.net")
    follower("fine@example.net")
    for n in range(4):
        make_post(title=f"Post {n}", published_at=now)
        run_once()
        run_once()
    record = UndeliverableAddress.objects.get()
    assert record.address == "gone@example.net"
    assert record.failures == outbox.PAUSE_AFTER
    assert record.paused_at is not None
    states = list(
        Mail.objects.filter(address="gone@example.net")
        .order_by("id")
        .values_list("state", flat=True)
    )
    assert states == [MailState.FAILED] * 3 + [MailState.CANCELLED]
    assert len(inbox.to("fine@example.net")) == 4


def test_a_post_withdrawn_before_its_alert_left_sends_nothing(inbox, make_post, now):
    follower("a@example.net")
    post = make_post(title="Mistake", published_at=now)
    alerts.post_went_live(post)
    alerts.fan_out_pending()
    post.status = Status.WITHDRAWN
    post.save()
    outbox.deliver_due()
    assert inbox.messages == []
    assert Mail.objects.get().state == MailState.CANCELLED


def test_a_correction_with_a_public_note_sends_an_updated_alert(inbox, make_post, now):
    follower("a@example.net", kind=Kind.NOTICE)
    post = make_post(kind=Kind.NOTICE, title="Meeting moved", published_at=now)
    run_once()
    run_once()
    with transaction.atomic():
        ChangeNote.objects.create(post=post, note="The room changed to B12.")
    run_once()
    subjects = [m["Subject"] for m in inbox.to("a@example.net")]
    assert subjects == ["New: Meeting moved", "Updated: Meeting moved"]
    assert "The room changed to B12." in text_part(inbox.to("a@example.net")[1])


def test_a_scheduled_post_alerts_when_its_time_comes(
    inbox, make_post, time_machine, now
):
    follower("a@example.net")
    make_post(title="Tomorrow's notice", published_at=now + timedelta(days=1))
    run_once()
    assert inbox.messages == []
    time_machine.move_to(now + timedelta(days=1, seconds=5), tick=False)
    run_once()
    run_once()
    assert [m["Subject"] for m in inbox.messages] == ["New: Tomorrow's notice"]


def test_a_fan_out_done_twice_queues_each_mail_once(inbox, make_post, now):
    for n in range(5):
        follower(f"r{n}@example.net")
    follower("r0@example.net", kind=Kind.NEWS)  # two matching lists, one mail
    post = make_post(title="Once", published_at=now)
    alerts.post_went_live(post)
    event = AlertEvent.objects.get()
    assert alerts.fan_out(event) == 5
    alerts.fan_out(event)
    assert Mail.objects.count() == 5
    outbox.deliver_due()
    outbox.deliver_due()
    assert sorted(m["To"] for m in inbox.messages) == [
        f"r{n}@example.net" for n in range(5)
    ]


def test_mail_is_never_sent_inside_a_transaction(inbox):
    with transaction.atomic(), pytest.raises(RuntimeError):
        outbox.deliver_due()


def test_the_organisations_own_pages_send_no_alerts(inbox, make_post, now):
    follower("a@example.net")
    make_post(kind=Kind.PAGE, title="Privacy", published_at=now)
    run_once()
    run_once()
    assert inbox.messages == []


def test_the_outbox_keeps_to_the_configured_rate(inbox, settings):
    # A lower bound only (the runner waits between mails): it cannot pass by luck
    # and does not depend on the machine's speed.
    settings.BULLETIN_EMAIL_RATE = 20
    for n in range(6):
        outbox.queue_message(f"paced:{n}", f"p{n}@example.net", f"Mail {n}", "Hi\n")
    started = time.monotonic()
    outcomes = outbox.deliver_due()
    elapsed = time.monotonic() - started
    assert outcomes == {"sent": 6}
    assert elapsed >= 5 / 20, "six mails at 20 a second take at least a quarter second"
    assert len(inbox.messages) == 6
