"""What version of the public content a request sees, and until when it holds.

Public content changes in two ways: someone saves something (the content version
rises, in the same transaction), or time passes a scheduled publication, an expiry or
the end of a pin. `content_state()` folds both into one token; anything derived from
public content (list page keys, year counts, whole responses, ETags) is cached under it.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from typing import TypeVar

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from bulletin.posts import clock, prepared
from bulletin.posts.localcache import LocalLRU
from bulletin.posts.models import ChangedDay, ContentVersion, Post, Status

V = TypeVar("V")
_transitions: dict[int, tuple[datetime, ContentState]] = {}
_version: list[tuple[int, float] | None] = [None]
_lock = threading.Lock()
_collected = threading.local()
VERSION_KEY = "content-version"
FRESH_FOR = 0.5  # seconds a process trusts the version it last read


@dataclass(frozen=True)
class ContentState:
    version: int
    valid_until: datetime | None

    @cached_property
    def token(self) -> str:
        # Worked out once per state: every cached page's freshness check reads it.
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
    collecting = getattr(_collected, "days", None)
    if collecting is not None:
        # Inside `one_bump()`: remember the days; the block raises the version once.
        collecting.update({EVERY_DAY} if days is None else days)
        return -1
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
    # This process reads the new value at its next request; every process (through
    # the shared cache) once the change is committed and visible to all.
    forget_version()
    transaction.on_commit(lambda: _publish(version))
    return version


@contextlib.contextmanager
def one_bump() -> Iterator[None]:
    """Raise the version once for a whole bulk write, however many rows it saves.

    Per-row signals inside the block only collect the days they touch. A block that
    ends with an error inside a transaction raises nothing (the rows go with it);
    outside one (the bulk actions: a transaction per post) the rows written before
    the error are committed, so the version still rises, or cached pages would go
    on showing what those rows changed.
    """
    if getattr(_collected, "days", None) is not None:
        yield
        return
    _collected.days = days = set()
    try:
        yield
    except BaseException:
        if transaction.get_connection().in_atomic_block:
            days = set()
        raise
    finally:
        _collected.days = None
        if days:
            bump_content_version(None if EVERY_DAY in days else days - {None})


_TRANSITION_COLUMNS = ("published_at", "expires_at", "pinned_until")


def next_transition(now: datetime) -> datetime | None:
    """The next moment at which time alone changes what the public sees.

    Three index seeks (the next publication, expiry and end of a pin) in one
    statement. Written out once: the ORM took 1.5 ms to build the three subqueries
    that the database answers in 15 µs, on the first view after every change.
    """
    # Only the model's own table and column names go into the text; values are
    # parameters.
    table, quote = Post._meta.db_table, connection.ops.quote_name
    sql = "SELECT " + ", ".join(  # noqa: S608
        f"(SELECT MIN({quote(column)}) FROM {quote(table)}"  # noqa: S608
        f" WHERE {quote('status')} = %s AND {quote(column)} > %s)"
        for column in _TRANSITION_COLUMNS
    )
    moment = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [Status.PUBLISHED, moment] * len(_TRANSITION_COLUMNS))
        row = cursor.fetchone()
    times = [_moment(value) for value in row if value is not None]
    return min(times) if times else None


def _moment(value: datetime | str) -> datetime:
    """A time as the database gave it back (SQLite: text in UTC) as an aware one."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)


def forget_transitions() -> None:
    """Drop what this process knows of coming transitions (tests roll versions back)."""
    with _lock:
        _transitions.clear()
    forget_version()


def cache_is_shared() -> bool:
    """Whether every process of the site reads the same cache (Redis), not its own."""
    return not isinstance(caches["default"], LocMemCache)


def _read_version() -> int:
    shared = cache_is_shared()
    if shared:
        with contextlib.suppress(Exception):  # a cache that is down: ask the database
            version = cache.get(VERSION_KEY)
            if version is not None:
                return version
    rows = prepared.rows(
        ("content version",), lambda: ContentVersion.objects.filter(pk=1).only("value")
    )
    version = rows[0].value if rows else 0
    if shared:
        with contextlib.suppress(Exception):
            cache.add(VERSION_KEY, version, timeout=None)
    return version


def current_version() -> int:
    """The content version, read at most once per FRESH_FOR seconds in each process.

    Requests in between take the remembered value: the freshness check of a cached
    page runs no SQL. The shared cache (Redis) holds the value for every process and
    app server, written when a change commits; with the in-process cache each process
    asks the database itself, twice a second at most. A change made in this process
    is seen by its next request at once.
    """
    remembered = _version[0]  # one (value, read at) pair, read without a lock
    if remembered is not None and time.monotonic() - remembered[1] < FRESH_FOR:
        return remembered[0]
    read_at = time.monotonic()
    version = _read_version()
    with _lock:
        if _version[0] is None or _version[0][1] <= read_at:
            _version[0] = (version, read_at)
    return version


def forget_version() -> None:
    """Read the version again at the next request (after a change, or in tests)."""
    with _lock:
        _version[0] = None


def _publish(version: int) -> None:
    forget_version()
    if cache_is_shared():
        # Never lower it: a slower commit of an older version must not win. A cache
        # that is down keeps no value, and readers then ask the database.
        with contextlib.suppress(Exception):
            current = cache.get(VERSION_KEY)
            if current is None or current < version:
                cache.set(VERSION_KEY, version, timeout=None)


def version_for(request) -> int:
    """The content version, taken once per request however many parts ask.

    The process's remembered version (`current_version()`), the one the page's ETag
    and the page cache's key are made of: no query per request, and a change is seen
    as soon as the page cache sees it.
    """
    if not hasattr(request, "_content_version"):
        request._content_version = current_version()
    return request._content_version


def content_state(now: datetime | None = None) -> ContentState:
    """The state the public sees now; the same object until the version or a
    transition changes it, so its token is worked out once."""
    now = now or clock.now()
    version = current_version()
    known = _transitions.get(version)  # one dict read: atomic, no lock needed
    # A known state holds until its next transition; after that, look again.
    if (
        known is None
        or (known[1].valid_until is not None and now >= known[1].valid_until)
        or now < known[0]
    ):
        known = (now, ContentState(version=version, valid_until=next_transition(now)))
        with _lock:
            _transitions.clear()
            _transitions[version] = known
    return known[1]


# Small answers that only a change of public content alters (the topics, the pinned
# ids, what changed since an earlier state), kept per content state in this process.
_derived: LocalLRU[tuple[str, object]] = LocalLRU(64)


def per_state(
    name: str, compute: Callable[[], V], state: ContentState | None = None
) -> V:
    """`compute()`'s answer for the current content state, computed once per state.

    For small, shared answers: every page of the site asks them again.
    """
    token = (state or content_state()).token
    known = _derived.get(name)
    if known is not None and known[0] == token:
        return known[1]
    value = compute()
    _derived.set(name, (token, value))
    return value


def forget_per_state() -> None:
    """Drop the answers kept per state (tests roll content back under the same token)."""
    _derived.clear()
