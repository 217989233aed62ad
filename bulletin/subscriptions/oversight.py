"""What admins see of delivery: how many follow, how much mail waits or failed, and
which addresses are paused (the server refused them for good several times), with
the one thing to do about one: send to it again."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from bulletin.subscriptions.models import (
    Mail,
    MailState,
    Subscriber,
    UndeliverableAddress,
)


def delivery_summary() -> dict[str, int]:
    """What the admins' page shows at a glance: followers, and mail by state."""
    by_state = dict(
        Mail.objects.values_list("state").annotate(n=Count("id")).order_by()
    )
    return {
        "followers": Subscriber.objects.filter(
            subscriptions__confirmed_at__isnull=False
        )
        .distinct()
        .count(),
        "waiting": by_state.get(MailState.PENDING, 0)
        + by_state.get(MailState.SENDING, 0)
        + by_state.get(MailState.HANDED_OVER, 0),
        "sent": by_state.get(MailState.SENT, 0),
        "failed": by_state.get(MailState.FAILED, 0),
        "uncertain": by_state.get(MailState.UNCERTAIN, 0),
    }


def paused_addresses() -> QuerySet[UndeliverableAddress]:
    return UndeliverableAddress.objects.filter(paused_at__isnull=False).order_by(
        "-paused_at", "address"
    )


def resume(pk: int) -> bool:
    """Send to a paused address again (its refusals are forgotten); answer if one was."""
    deleted, _ = UndeliverableAddress.objects.filter(
        pk=pk, paused_at__isnull=False
    ).delete()
    return bool(deleted)
