"""What readers do: ask for alerts, confirm, change how often, leave, delete everything.

The sign-up answers the same whatever the address's state, so it reveals nothing;
it is throttled per address (silently) and per network address (with a 429).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from datetime import timedelta

from django.conf import settings
from django.db import transaction

from bulletin.posts import clock
from bulletin.posts.models import Topic
from bulletin.subscriptions.models import (
    Frequency,
    Mail,
    MailKind,
    SignupAttempt,
    Subscriber,
    Subscription,
)

WINDOW = timedelta(hours=1)
PER_ADDRESS = 3  # confirmation mails to one address per hour
PER_NETWORK = 20  # sign-ups from one network address per hour
KEEP_ATTEMPTS = timedelta(days=1)
UNCONFIRMED_DAYS = 7


class Throttled(Exception):
    """Too many sign-ups from this network address; try again later."""


def _digest(value: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def network_of(address: str | None) -> str:
    """The unit throttled: an IPv4 address, or the /64 an IPv6 host is given."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def normalise(email: str) -> str:
    local, _, domain = email.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


@transaction.atomic
def request_alerts(
    *,
    email: str,
    language: str,
    kind: str,
    topic: Topic | None,
    frequency: str,
    client_address: str | None,
) -> None:
    """Record the wish and queue a confirmation mail; send nothing else until confirmed."""
    now = clock.now()
    email = normalise(email)
    network, address = _digest(network_of(client_address)), _digest(email.lower())
    recent = SignupAttempt.objects.filter(at__gte=now - WINDOW)
    if recent.filter(network=network).count() >= PER_NETWORK:
        raise Throttled
    attempt = SignupAttempt.objects.create(address=address, network=network, at=now)
    if recent.filter(address=address).exclude(pk=attempt.pk).count() >= PER_ADDRESS:
        return  # the same answer as always; no more mail to that inbox this hour
    subscriber = Subscriber.objects.filter(email__iexact=email).first()
    if subscriber is None:
        subscriber = Subscriber.objects.create(email=email, language=language)
    subscription = Subscription.objects.filter(
        subscriber=subscriber,
        list_key=f"{language}:{kind or '-'}:{topic.pk if topic else '-'}",
    ).first()
    if subscription is None:
        subscription = Subscription.objects.create(
            subscriber=subscriber,
            language=language,
            kind=kind,
            topic=topic,
            frequency=frequency,
        )
    # The frequency asked for is carried in the signed link; a confirmed subscription
    # keeps its own until that link is used, so a stranger cannot change it.
    Mail.objects.create(
        key=f"confirm:{subscription.pk}:{attempt.pk}",
        kind=MailKind.CONFIRM,
        address=subscriber.email,
        subscriber=subscriber,
        data={"subscription": subscription.pk, "frequency": frequency},
    )


@transaction.atomic
def confirm(subscription: Subscription, frequency: str) -> Subscription:
    now = clock.now()
    subscription.frequency = Frequency(frequency)
    subscription.confirmed_at = subscription.confirmed_at or now
    subscription.save(update_fields=["frequency", "confirmed_at"])
    return subscription


@transaction.atomic
def change_frequency(subscriber: Subscriber, subscription_id: int, frequency: str):
    Subscription.objects.filter(
        subscriber=subscriber, pk=subscription_id, confirmed_at__isnull=False
    ).update(frequency=Frequency(frequency))


@transaction.atomic
def leave(subscriber: Subscriber, subscription_ids: list[int]) -> int:
    """End these subscriptions; an address left with none is forgotten entirely."""
    removed, _ = Subscription.objects.filter(
        subscriber=subscriber, pk__in=subscription_ids
    ).delete()
    if not subscriber.subscriptions.exists():
        subscriber.delete()
    return removed


@transaction.atomic
def forget(subscriber: Subscriber) -> None:
    """Delete everything stored about the address: subscriptions, queued mail, itself."""
    subscriber.delete()  # cascades to subscriptions and to its outbox rows


def prune(now=None) -> None:
    """Drop throttling records after a day and unconfirmed wishes after a week."""
    now = now or clock.now()
    SignupAttempt.objects.filter(at__lt=now - KEEP_ATTEMPTS).delete()
    Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - timedelta(days=UNCONFIRMED_DAYS)
    ).delete()
    Subscriber.objects.filter(subscriptions__isnull=True).delete()
