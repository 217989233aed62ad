"""From a publication to queued mail: events, the fan-out, and digest rounds.

A publication only writes one `AlertEvent` row in its own transaction; the job runner
turns it into one outbox row per subscriber in bulk (`fan_out`), so publishing never
waits for the number of subscribers. Keys make every step safe to repeat.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet

from bulletin.posts import clock
from bulletin.posts.models import ChangeNote, Post
from bulletin.subscriptions.lists import in_stream, matching, post_list
from bulletin.subscriptions.models import (
    AlertEvent,
    DigestRun,
    Frequency,
    Mail,
    MailKind,
    MailState,
    Subscription,
)

logger = logging.getLogger(__name__)
# A change note this old when saved is history (an import), not news to send.
RECENT = timedelta(minutes=15)


def post_went_live(post: Post) -> None:
    """Owe "each post" subscribers an alert; call inside the publishing transaction."""
    AlertEvent.objects.get_or_create(
        key=f"published:{post.pk}:{post.published_at.isoformat()}",
        defaults={"event": AlertEvent.Event.PUBLISHED, "post": post},
    )


def post_corrected(note: ChangeNote) -> None:
    """Owe an "updated" alert for a public change note on a public post."""
    post = note.post
    if not post.is_public() or note.noted_at < clock.now() - RECENT:
        return
    AlertEvent.objects.get_or_create(
        key=f"updated:{note.pk}",
        defaults={"event": AlertEvent.Event.UPDATED, "post": post, "note": note},
    )


def fan_out(event: AlertEvent) -> int:
    """Queue one mail per subscriber owed this event; answer how many were new."""
    post = event.post
    kind = (
        MailKind.UPDATE if event.event == AlertEvent.Event.UPDATED else MailKind.ALERT
    )
    queued = 0
    if in_stream(post):
        queued = queue_bulk(
            matching(post, Frequency.IMMEDIATE),
            key_prefix=f"{event.key}:",
            kind=kind,
            post_id=post.pk,
            data={"note": event.note_id} if event.note_id else {},
        )
    AlertEvent.objects.filter(pk=event.pk).update(fanned_out_at=clock.now())
    return queued


def queue_bulk(
    subscriptions: QuerySet[Subscription],
    *,
    key_prefix: str,
    kind: str,
    post_id: int | None,
    data: dict,
) -> int:
    """One outbox row per distinct subscriber of `subscriptions`, in one statement.

    INSERT … SELECT builds the rows in the database, so 100,000 followers cost one
    statement and no Python object each. A key already queued (a second runner, a
    repeated round) is skipped by ON CONFLICT.
    """
    rows = (
        subscriptions.order_by()
        .annotate(sid=F("subscriber_id"), email=F("subscriber__email"))
        .values("sid", "email")
        .distinct()
    )
    try:
        select, params = rows.query.sql_with_params()
    except EmptyResultSet:
        return 0  # e.g. no list has posts in a digest's period
    ops, table = connection.ops, Mail._meta.db_table
    q = ops.quote_name
    now = ops.adapt_datetimefield_value(clock.now())
    json_cast = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    columns = [
        "key", "kind", "address", "subscriber_id", "post_id", "data", "subject",
        "text", "html", "state", "attempts", "run_after", "claimed_by", "last_error",
        "created_at",
    ]  # fmt: skip
    sql = (
        # Names are quoted constants; every value is a parameter.
        f"INSERT INTO {q(table)} ({', '.join(q(c) for c in columns)}) "  # noqa: S608
        f"SELECT %s || CAST(m.{q('sid')} AS TEXT), %s, m.{q('email')}, m.{q('sid')}, "
        f"%s, {json_cast}, '', '', '', %s, 0, %s, '', '', %s "
        f"FROM ({select}) m WHERE 1 = 1 ON CONFLICT ({q('key')}) DO NOTHING"
    )
    values = [key_prefix, kind, post_id, json.dumps(data), MailState.PENDING, now, now]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, *params])
        return max(cursor.rowcount, 0)


def fan_out_pending() -> int:
    queued = 0
    for event in AlertEvent.objects.filter(fanned_out_at__isnull=True).select_related(
        "post"
    ):
        queued += fan_out(event)
    return queued


# --- digests ------------------------------------------------------------------
def latest_round(frequency: str, now: datetime) -> datetime:
    """The most recent digest time at or before `now`, in the site's time zone."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = now.astimezone(zone)
    at = local.replace(
        hour=settings.BULLETIN_DIGEST_HOUR, minute=0, second=0, microsecond=0
    )
    if frequency == Frequency.DAILY:
        if at > local:
            at -= timedelta(days=1)
    else:
        at -= timedelta(days=(at.weekday() - settings.BULLETIN_DIGEST_WEEKDAY) % 7)
        if at > local:
            at -= timedelta(days=7)
    # Arithmetic on a zoned time keeps the wall-clock hour across a clock change.
    return at


def queue_digests(now: datetime | None = None) -> int:
    now = now or clock.now()
    queued = 0
    for frequency, length in ((Frequency.DAILY, 1), (Frequency.WEEKLY, 7)):
        end = latest_round(frequency, now)
        if DigestRun.objects.filter(frequency=frequency, period_end=end).exists():
            continue
        previous = (
            DigestRun.objects.filter(frequency=frequency, period_end__lt=end)
            .order_by("-period_end")
            .first()
        )
        start = previous.period_end if previous else end - timedelta(days=length)
        with transaction.atomic():
            run, created = DigestRun.objects.get_or_create(
                frequency=frequency,
                period_end=end,
                defaults={"period_start": start},
            )
            if created:
                run.queued = _queue_digest(run)
                run.save(update_fields=["queued"])
                queued += run.queued
    return queued


def _queue_digest(run: DigestRun) -> int:
    """One digest per subscriber with at least one list that has posts in the period."""
    subscriptions = Subscription.objects.filter(
        frequency=run.frequency, confirmed_at__isnull=False
    )
    keys = []
    for key in subscriptions.values_list("list_key", flat=True).distinct():
        sample = subscriptions.filter(list_key=key).select_related("topic").first()
        posts = (
            post_list(sample)
            .queryset(upto=run.period_end)
            .filter(published_at__gte=run.period_start)
            .filter(~Q(published_at=run.period_end))
        )
        if posts.exists():
            keys.append(key)
    return queue_bulk(
        subscriptions.filter(list_key__in=keys),
        key_prefix=f"digest:{run.frequency}:{run.period_end.isoformat()}:",
        kind=MailKind.DIGEST,
        post_id=None,
        data={
            "frequency": run.frequency,
            "start": run.period_start.isoformat(),
            "end": run.period_end.isoformat(),
        },
    )
