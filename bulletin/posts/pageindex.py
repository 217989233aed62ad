"""How many posts a list holds on each publication day: enough to number its pages.

Page N of a list starts at position (N-1)×20. Knowing the count of every day (UTC),
the page's first post is found by skipping whole days and then a few rows of one day
through the list index, and a post's page by counting the newer posts of its own
day. Nothing reads the whole list on a request.

The counts are kept up to date incrementally. Every change to public posts marks the
publication days it touched (`ChangedDay`, in the same transaction as the content
version); time passing a publication or an expiry is found by two index seeks. A new
content state then recounts only those days, from the previous counts. A process
that starts, or whose cache lost a list, begins from the copy kept in the database
(`StoredPageIndex`) and recounts the days marked since. Only a list never counted
before (or after an upgrade of the code, or a change that could not name its days)
is counted in full, once: one thread per process, and with a shared cache one
process for all; the result is kept for every later start.
"""

from __future__ import annotations

import bisect
import contextlib
import logging
import sys
import threading
import time
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Protocol

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from bulletin.posts import clock
from bulletin.posts.httpcache import CODE_VERSION
from bulletin.posts.localcache import LocalLRU
from bulletin.posts.models import StoredPageIndex
from bulletin.posts.recount import (
    RECOUNT_BY_RANGE,
    changed_days,
    count_by_day,
    count_days,
)
from bulletin.posts.state import (
    ContentState,
    cache_is_shared,
    content_state,
    forget_per_state,
)

PAGE_SIZE = 20
# Past this many changed days one full count is cheaper than many small ones.
MAX_RECOUNT_DAYS = 400
BUILD_WAIT = 10.0  # seconds another process's full count is waited for

logger = logging.getLogger(__name__)
Key = tuple[datetime, int]


class Countable(Protocol):
    def queryset(
        self, now: datetime | None = None, *, published_by: datetime | None = None
    ) -> QuerySet: ...
    def latest(self, now: datetime, *, before: datetime | None = None) -> datetime: ...
    def cache_key(self) -> str: ...


@dataclass
class PageIndex:
    """Posts per day, newest day first, as of one content state."""

    token: str
    version: int
    counted_at: datetime
    by_day: dict[date, int] = field(default_factory=dict)
    # Counted from the whole list rather than brought up to date from another index.
    in_full: bool = False

    @cached_property
    def days(self) -> list[date]:
        return sorted((d for d, n in self.by_day.items() if n), reverse=True)

    @cached_property
    def before(self) -> list[int]:
        """Posts on days newer than each of `days` (a running total)."""
        totals, running = [], 0
        for day in self.days:
            totals.append(running)
            running += self.by_day[day]
        return totals

    @cached_property
    def count(self) -> int:
        return sum(self.by_day.values())

    @cached_property
    def by_year(self) -> list[tuple[int, int]]:
        """(year, posts) newest year first, for the archive and the year filter."""
        years: dict[int, int] = {}
        for day, n in self.by_day.items():
            years[day.year] = years.get(day.year, 0) + n
        return sorted(((year, n) for year, n in years.items() if n), reverse=True)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // PAGE_SIZE))

    def locate(self, position: int) -> tuple[date, int] | None:
        """The day holding the list's `position` (0-based), and the offset in that day."""
        if not self.days or position >= self.count:
            return None
        # `before` ascends while days descend: the last day starting at or before it.
        index = bisect.bisect_right(self.before, position) - 1
        return self.days[index], position - self.before[index]

    @cached_property
    def _ascending_days(self) -> list[int]:
        return [-day.toordinal() for day in self.days]

    def posts_position(self, day: date) -> int:
        """Where `day` (one of `days`) stands in `days`."""
        return bisect.bisect_left(self._ascending_days, -day.toordinal())

    def posts_before(self, day: date) -> int:
        """Posts on days newer than `day`."""
        index = self.posts_position(day)
        return self.before[index] if index < len(self.days) else self.count

    def __getstate__(self) -> tuple:
        # Two flat arrays pickle in microseconds, thousands of dates do not; derived
        # lists are rebuilt after unpickling.
        days = array("l", (day.toordinal() for day in self.by_day))
        counts = array("l", self.by_day.values())
        return self.token, self.version, self.counted_at, days, counts

    def __setstate__(self, state: tuple) -> None:
        self.token, self.version, self.counted_at, days, counts = state
        self.by_day = dict(zip(map(date.fromordinal, days), counts, strict=True))
        self.in_full = False


def count_in_full(
    post_list: Countable, state: ContentState, now: datetime
) -> PageIndex:
    return PageIndex(
        token=state.token,
        version=state.version,
        counted_at=now,
        by_day=count_by_day(post_list.queryset(now)),
        in_full=True,
    )


def bring_up_to_date(
    post_list: Countable, since: PageIndex, state: ContentState, now: datetime
) -> PageIndex:
    days = changed_days(since, now, state)
    if days is None or len(days) > MAX_RECOUNT_DAYS:
        return count_in_full(post_list, state, now)
    by_day = dict(since.by_day)
    if days:
        for day in days:
            by_day.pop(day, None)
        counted = count_days(index_key(post_list), post_list, now, days)
        by_day.update((day, n) for day, n in counted.items() if n)
    index = PageIndex(
        token=state.token, version=state.version, counted_at=now, by_day=by_day
    )
    _carry_totals(since, index, days)
    return index


def _moved_totals(since: PageIndex, index: PageIndex, days: set[date]) -> list[int]:
    """`since.before` with each changed day's difference added to the days after it."""
    totals = since.before
    moves = sorted(
        (since.posts_position(day), index.by_day.get(day, 0) - since.by_day[day])
        for day in days
        if since.by_day.get(day)
    )
    for position, moved in moves:
        if moved:
            totals = totals[: position + 1] + [
                n + moved for n in totals[position + 1 :]
            ]
    return totals


def _carry_totals(since: PageIndex, index: PageIndex, days: set[date]) -> None:
    """Give `index` the totals `since` had worked out, moved by the changed days only.

    The count and the posts per year are sums over every day (thousands of them);
    after a change only a day or two differ, so the archive's years and the list's
    count follow without a walk of the whole index.
    """
    old = sum(since.by_day.get(day, 0) for day in days)
    new = sum(index.by_day.get(day, 0) for day in days)
    if "count" in since.__dict__:
        index.__dict__["count"] = since.count - old + new
    known = since.__dict__
    if (
        "days" in known
        and len(days) <= RECOUNT_BY_RANGE
        and all(
            bool(since.by_day.get(day)) == bool(index.by_day.get(day)) for day in days
        )
    ):
        # No day came or went: the same days in the same order (a deep page and a
        # post's page are found from them); the running totals move after each
        # changed day.
        index.__dict__["days"] = since.days
        if "_ascending_days" in known:
            index.__dict__["_ascending_days"] = since._ascending_days
        if "before" in known:
            index.__dict__["before"] = _moved_totals(since, index, days)
    if "by_year" in since.__dict__:
        years = dict(since.by_year)
        for day in days:
            moved = index.by_day.get(day, 0) - since.by_day.get(day, 0)
            years[day.year] = years.get(day.year, 0) + moved
        index.__dict__["by_year"] = sorted(
            ((year, n) for year, n in years.items() if n), reverse=True
        )


# The latest index of recently used lists, in this process (unpickling from the
# shared cache on every request would cost more than the page itself).
_recent: LocalLRU[PageIndex] = LocalLRU(256)
_locks = [threading.Lock() for _ in range(32)]


def forget_page_indexes() -> None:
    """Drop this process's copies (tests roll content back under the same token)."""
    _recent.clear()
    forget_per_state()


def index_key(post_list: Countable) -> str:
    """Where a list's index is kept: year lists are bounded in the site's zone, so
    another zone counts other days."""
    return f"pageindex:{timezone.get_current_timezone_name()}:{post_list.cache_key()}"


def page_index(post_list: Countable, state: ContentState | None = None) -> PageIndex:
    """The list's index for the current content state, counted at most once."""
    state = state or content_state()
    key = index_key(post_list)
    index = _recent.get(key)
    if index is not None and index.token == state.token:
        return index
    with _locks[hash(key) % len(_locks)]:
        index = _recent.get(key)
        if index is None or index.token != state.token:
            index = _shared(post_list, key, state, index)
            _recent.set(key, index)
    return index


def _shared(
    post_list: Countable, key: str, state: ContentState, mine: PageIndex | None
) -> PageIndex:
    # Only a cache every process reads is worth the pickling (thousands of days);
    # this process's own copy is `_recent`, and its threads queue on `_locks`.
    shared_cache = cache_is_shared()
    shared = cache.get(key) if shared_cache else None
    if shared is not None and shared.token == state.token:
        return shared
    base = _newest(mine, shared)
    restarted = base is None
    if restarted:
        base = stored_index(key)
        if base is not None and base.version > state.version:
            base = None  # kept by a newer copy of the data than this one
    now = clock.now()
    if base is None:
        # Nothing to start from: one process counts; the others wait for its result
        # (in one process, `_locks` already lets one thread count).
        if shared_cache and not cache.add(f"{key}:counting", 1, BUILD_WAIT * 6):
            waited = _wait_for(key, state)
            if waited is not None:
                return waited
        index = count_in_full(post_list, state, now)
        if shared_cache:
            cache.delete(f"{key}:counting")
    else:
        index = bring_up_to_date(post_list, base, state, now)
    if index.in_full or restarted:
        # The next process to start recounts only what changes after this.
        store_index(key, index)
    if shared_cache:
        cache.set(key, index, timeout=None)
    return index


def _ints(values: Iterable[int]) -> bytes:
    numbers = array("i", values)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tobytes()


def _from_ints(raw: bytes) -> array:
    numbers = array("i")
    numbers.frombytes(bytes(raw))
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


@contextlib.contextmanager
def _waiting_briefly() -> Iterator[None]:
    """On SQLite, give up a write at once when another holds the lock.

    The copy is written during a reader's request: waiting the connection's usual
    20 s behind a long `reindex` or import would hold the reader up for nothing, as
    the next start can keep it as well.
    """
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    raw = connection.connection
    usual = raw.execute("PRAGMA busy_timeout").fetchone()[0]
    raw.execute("PRAGMA busy_timeout = 50")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA busy_timeout = {int(usual)}")


def stored_index(key: str) -> PageIndex | None:
    """The copy kept in the database, if the running code counted it."""
    row = (
        StoredPageIndex.objects.filter(key=key, code=CODE_VERSION)
        .values_list("version", "counted_at", "days", "counts")
        .first()
    )
    if row is None:
        return None
    version, counted_at, days, counts = row
    try:
        by_day = dict(
            zip(
                map(date.fromordinal, _from_ints(days)),
                _from_ints(counts),
                strict=True,
            )
        )
    except ValueError:  # not what store_index() writes: count again
        return None
    # No state's token: it is only ever a base to bring up to date.
    return PageIndex(token="", version=version, counted_at=counted_at, by_day=by_day)


def store_index(key: str, index: PageIndex) -> None:
    """Keep `index` for the next start; a failure costs only a later full count."""
    row = StoredPageIndex(
        key=key,
        code=CODE_VERSION,
        version=index.version,
        counted_at=index.counted_at,
        days=_ints(day.toordinal() for day in index.by_day),
        counts=_ints(index.by_day.values()),
    )
    try:
        with _waiting_briefly(), transaction.atomic():
            StoredPageIndex.objects.bulk_create(
                [row],
                update_conflicts=True,
                unique_fields=["key"],
                update_fields=["code", "version", "counted_at", "days", "counts"],
            )
    except DatabaseError as error:
        if connection.vendor == "sqlite" and "locked" in str(error):
            # Another writer holds the lock (see `_waiting_briefly`): expected.
            logger.debug("The page index of %s was not kept: database busy", key)
        else:
            logger.warning("The page index of %s could not be kept", key, exc_info=True)


def _newest(*candidates: PageIndex | None) -> PageIndex | None:
    found = [c for c in candidates if c is not None]
    return max(found, key=lambda c: (c.version, c.counted_at)) if found else None


def _wait_for(key: str, state: ContentState) -> PageIndex | None:
    deadline = time.monotonic() + BUILD_WAIT
    while time.monotonic() < deadline:
        time.sleep(0.05)
        shared = cache.get(key)
        if shared is not None and shared.token == state.token:
            return shared
    return None
