"""What version of the public content a request sees, and until when it holds.

Public content changes in two ways: someone saves something (the content version
rises, in the same transaction), or time passes a scheduled publication, an expiry or
the end of a pin. `content_state()` folds both into one token; anything derived from
public content (list page keys, year counts, whole responses, ETags) is cached under it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db.models import F, Min

from bulletin.posts import clock
from bulletin.posts.models import ChangedDay, ContentVersion, Post, Status

_transitions: dict[int, tuple[datetime, datetime | None]] = {}


@dataclass(frozen=True)
class ContentState:
    version: int
    valid_until: datetime | None

    @property
    def token(self) -> str:
        until = self.valid_until.isoformat() if self.valid_until else "-"
        return hashlib.blake2b(
            f"{self.version}|{until}".encode(), digest_size=8
        ).hexdigest()


EVERY_DAY = date(1, 1, 1)


def day_of(moment: datetime | None) -> date | None:
    """The UTC day a publication time falls on: the unit lists count by."""
    return moment.astimezone(UTC).date() if moment is not None else None


def bump_content_version(days: Iterable[date | None] | None = None) -> int:
    """Raise the version in the caller's transaction; mark the publication days touched.

    `days` are the days (see `day_of`) whose public posts may have changed; None means
    any day (lists are then counted again in full), an empty list none (a change to a
    post's text or files moves nothing between pages).
    """
    updated = ContentVersion.objects.filter(pk=1).update(value=F("value") + 1)
    if not updated:
        ContentVersion.objects.get_or_create(pk=1, defaults={"value": 1})
    version = ContentVersion.objects.filter(pk=1).values_list("value", flat=True)[0]
    marked = {EVERY_DAY} if days is None else {day for day in days if day is not None}
    if marked:
        ChangedDay.objects.bulk_create(
            [ChangedDay(day=day, version=version) for day in marked],
            update_conflicts=True,
            unique_fields=["day"],
            update_fields=["version"],
        )
    return version


def next_transition(now: datetime) -> datetime | None:
    """The next moment at which time alone changes what the public sees."""
    published = Post.objects.filter(status=Status.PUBLISHED)
    times = [
        published.filter(published_at__gt=now).aggregate(t=Min("published_at"))["t"],
        published.filter(expires_at__gt=now).aggregate(t=Min("expires_at"))["t"],
        published.filter(pinned_until__gt=now).aggregate(t=Min("pinned_until"))["t"],
    ]
    times = [t for t in times if t is not None]
    return min(times) if times else None


def forget_transitions() -> None:
    """Drop what this process knows of coming transitions (tests roll versions back)."""
    _transitions.clear()


def content_state(now: datetime | None = None) -> ContentState:
    now = now or clock.now()
    version = (
        ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0
    )
    known = _transitions.get(version)
    # A known state holds until its next transition; after that, look again.
    if known is None or (known[1] is not None and now >= known[1]) or now < known[0]:
        known = (now, next_transition(now))
        _transitions.clear()
        _transitions[version] = known
    return ContentState(version=version, valid_until=known[1])
