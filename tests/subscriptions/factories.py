"""Confirmed followers, made directly (the sign-up journey has its own tests)."""

from __future__ import annotations

from bulletin.posts import clock
from bulletin.subscriptions.models import Frequency, Subscriber, Subscription


def follower(
    email: str,
    *,
    language: str = "en",
    kind: str = "",
    topic=None,
    frequency: str = Frequency.IMMEDIATE,
) -> Subscription:
    subscriber, _ = Subscriber.objects.get_or_create(
        email=email, defaults={"language": language}
    )
    return Subscription.objects.create(
        subscriber=subscriber,
        language=language,
        kind=kind,
        topic=topic,
        frequency=frequency,
        confirmed_at=clock.now(),
    )
