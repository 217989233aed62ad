"""Signed links in mail: confirm (expires), unsubscribe and manage (until deleted).

Every token carries the subscriber's random key, so deleting the subscriber voids every
link ever sent to them, and no link can be made without the site's secret key.
"""

from __future__ import annotations

from django.core import signing

from bulletin.subscriptions.models import Subscriber, Subscription

CONFIRM_DAYS = 3
_CONFIRM = "bulletin.subscriptions.confirm"
_LEAVE = "bulletin.subscriptions.unsubscribe"
_MANAGE = "bulletin.subscriptions.manage"


class BadToken(Exception):
    """The link is damaged, expired, or its subscriber no longer exists."""


def confirm_token(subscription: Subscription, frequency: str) -> str:
    key = subscription.subscriber.key
    return signing.dumps([subscription.pk, frequency, key], salt=_CONFIRM)


def read_confirm(token: str) -> tuple[Subscription, str]:
    try:
        pk, frequency, key = signing.loads(
            token, salt=_CONFIRM, max_age=CONFIRM_DAYS * 86400
        )
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadToken from error
    subscription = (
        Subscription.objects.select_related("subscriber", "topic")
        .filter(pk=pk, subscriber__key=key)
        .first()
    )
    if subscription is None:
        raise BadToken
    return subscription, frequency


def unsubscribe_token(subscriber: Subscriber, subscription_ids: list[int]) -> str:
    return signing.dumps(
        [subscriber.pk, subscriber.key, sorted(subscription_ids)],
        salt=_LEAVE,
        compress=True,
    )


def read_unsubscribe(token: str) -> tuple[Subscriber, list[int]]:
    try:
        pk, key, ids = signing.loads(token, salt=_LEAVE)
        ids = [int(i) for i in ids]
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadToken from error
    subscriber = Subscriber.objects.filter(pk=pk, key=key).first()
    if subscriber is None:
        raise BadToken
    return subscriber, ids


def manage_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.key], salt=_MANAGE)


def read_manage(token: str) -> Subscriber:
    try:
        pk, key = signing.loads(token, salt=_MANAGE)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadToken from error
    subscriber = Subscriber.objects.filter(pk=pk, key=key).first()
    if subscriber is None:
        raise BadToken
    return subscriber
