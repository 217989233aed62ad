"""Bringing a list's counts per day up to date: which days changed, and their counts.

After a change each list a page shows is brought up to date from its previous
counts (`pageindex.py`). What changed since then is the same question for every
list, so `ChangeLog` asks it once per content state; the few changed days are
counted as ranges of the list index.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import UTC, date, datetime, timedelta
from datetime import time as day_time
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate

from bulletin.posts import prepared
from bulletin.posts.models import ChangedDay, Post, Status
from bulletin.posts.state import EVERY_DAY, ContentState, per_state

if TYPE_CHECKING:
    from bulletin.posts.pageindex import Countable, PageIndex

# Up to this many changed days are counted as ranges of the list index, one query.
RECOUNT_BY_RANGE = 32


def day_start(day: date) -> datetime:
    return datetime.combine(day, day_time.min, tzinfo=UTC)


def count_by_day(posts: QuerySet) -> dict[date, int]:
    rows = (
        posts.order_by()
        .annotate(day=TruncDate("published_at", tzinfo=UTC))
        .values("day")
        .annotate(n=Count("id"))
    )
    return {row["day"]: row["n"] for row in rows}


def count_days(
    key: Hashable,
    post_list: Countable,
    now: datetime,
    days: set[date],
) -> dict[date, int]:
    """The counts of a few `days` of `post_list` (known as `key`, what its queryset
    reads): one COUNT per day range in a single query.

    `_count_by_day` truncates every row's time to its day, which SQLite does in Python
    (5 µs a row: a busy day of a few hundred posts cost milliseconds after each
    change); a range of the list index is counted by the database alone. A day's
    range gives the database one upper time bound, the earlier of its end and now
    (`PostList.latest`): given both, SQLite may walk the index from now, through
    every newer row, to count a day of last year.
    """
    if len(days) > RECOUNT_BY_RANGE:
        return count_by_day(post_list.queryset(now).filter(_within(days)))
    ordered = sorted(days)
    if len(ordered) == 1:  # the usual case after a change: a prepared shape per list
        start = day_start(ordered[0])
        n = prepared.count(
            ("posts of a day", key),
            lambda now, start, latest: post_list.queryset(
                now, published_by=latest
            ).filter(published_at__gte=start),
            *(now, start, post_list.latest(now, before=start + timedelta(1))),
        )
        return {ordered[0]: n}
    latest = post_list.latest(now, before=day_start(ordered[-1]) + timedelta(1))
    posts = post_list.queryset(now, published_by=latest).order_by()
    counts = posts.filter(_within(ordered)).aggregate(
        **{f"d{i}": Count("pk", filter=_within([day])) for i, day in enumerate(ordered)}
    )
    return {day: counts[f"d{i}"] or 0 for i, day in enumerate(ordered)}


def _within(days: Iterable[date]) -> Q:
    ranges = Q()
    for day in days:
        start = day_start(day)
        ranges |= Q(published_at__gte=start, published_at__lt=start + timedelta(1))
    return ranges


class ChangeLog:
    """What changed before one content state, asked of the database once per state.

    After a change each list a page shows (the list itself, the year counts, a
    post's list) is brought up to date from its previous index: they ask the same
    questions (which days were marked since version V, which posts went live or
    expired since time T), so the answers are kept here for every list and thread of
    the state. Within one state no publication or expiry happens (its end is the
    next one), so an answer holds for any moment of it.
    """

    # Rows of posts that went live or expired kept at most (a base days old).
    MAX_ROWS = 5000

    def __init__(self) -> None:
        self._marked: dict[int, frozenset[date]] = {}
        # (since, published_at/expires_at rows that moved after `since`)
        self._moved: tuple[datetime, list[tuple[datetime, datetime | None]]] | None
        self._moved = None

    def marked_since(self, version: int) -> frozenset[date]:
        found = self._marked.get(version)
        if found is None:
            rows = prepared.rows(
                ("days marked since",),
                lambda version: ChangedDay.objects.filter(version__gt=version).only(
                    "day"
                ),
                version,
            )
            found = frozenset(row.day for row in rows)
            self._marked[version] = found
        return found

    def moved_since(self, since: datetime, now: datetime) -> set[date]:
        """Days of posts that went live or expired after `since`, up to `now`."""
        known = self._moved
        if known is None or known[0] > since:
            moved = prepared.rows(
                ("moved since",),
                lambda since, now: (
                    Post.objects.filter(status=Status.PUBLISHED)
                    .filter(
                        Q(published_at__gt=since, published_at__lte=now)
                        | Q(expires_at__gt=since, expires_at__lte=now)
                    )
                    .order_by()
                    .only("published_at", "expires_at")
                ),
                *(since, now),
            )
            rows = [(post.published_at, post.expires_at) for post in moved]
            known = (since, rows)
            if len(rows) <= self.MAX_ROWS:
                self._moved = known
        return {
            published_at.astimezone(UTC).date()
            for published_at, expires_at in known[1]
            if since < published_at <= now
            or (expires_at is not None and since < expires_at <= now)
        }


def changed_days(
    since: PageIndex, now: datetime, state: ContentState | None = None
) -> set[date] | None:
    """Days whose posts may have changed since `since` was counted; None: all of them."""
    if now < since.counted_at:
        return None  # the clock went back (a controlled clock in tests)
    log = per_state("change-log", ChangeLog, state)
    marked = log.marked_since(since.version)
    if EVERY_DAY in marked:
        return None
    return set(marked) | log.moved_since(since.counted_at, now)
