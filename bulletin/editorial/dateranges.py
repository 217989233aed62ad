"""A back-office list narrowed to a range of days, read the cheaper way.

The all-posts list (`bulletin.editorial.finding`) filters by publication or change
time and sorts by any column; this decides how a range is read when it is sorted by
something other than its own date, which no single index answers.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import F, Max, Min, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from bulletin.posts import paging
from bulletin.posts.models import Post
from bulletin.posts.paging import Order


def local_day_start(day: date) -> datetime:
    """Midnight at the start of `day` on the site's clock (the public lists count days
    in UTC: `posts.recount.day_start`)."""
    return timezone.make_aware(datetime.combine(day, time()))


def narrowed_to_range(
    posts: QuerySet[Post],
    order: Order,
    field: str,
    start: date | None,
    end: date | None,
) -> tuple[QuerySet[Post], Order]:
    """A date range sorted by another column, narrowed to the range's ids first.

    Publication and change times go together, so the posts of last spring lie deep
    in the change-time index; a database walking that index for the first fifty
    matches (as PostgreSQL plans it) passes most of the table. A range of at most
    `COUNT_CAP` posts is read from its own index and named by id instead. A larger
    range sorted by the other date is sorted on its own (`_sorted_within`) unless
    the walk is the shorter read: at a million posts, last year's first quarter by
    last change took 13 s along the change-time index. A larger range sorted by a
    column of another sort (title, kind…) is left to the walk: its matches are many
    and spread through that column's index.
    """
    cap = paging.COUNT_CAP
    ids = list(posts.order_by().values_list("pk", flat=True)[: cap + 1])
    if len(ids) <= cap:
        return posts.filter(pk__in=ids), order
    if order.fields == (OTHER_DATE[field],) and not _walk_is_shorter(
        field, start, end, order.descending
    ):
        return _sorted_within(posts, order)
    return posts, order


# The date a range of one is mostly sorted by when it is not its own.
OTHER_DATE = {"published_at": "updated_at", "updated_at": "published_at"}


def _walk_is_shorter(
    field: str, start: date | None, end: date | None, descending: bool
) -> bool:
    """Whether walking the other date's index passes fewer posts than the range holds.

    The walk first passes the posts dated beyond the range on the side it starts
    from (after its end, newest first); the range is read whole when sorted on its
    own. Both are estimated from the dates' span (the oldest and newest, two index
    lookups), as if posts were spread evenly in time.
    """
    bounds = Post.objects.aggregate(low=Min(field), high=Max(field))
    low, high = bounds["low"], bounds["high"]
    if low is None or high is None:
        return True
    first = max(low, local_day_start(start)) if start and start > date.min else low
    last = (
        min(high, local_day_start(end + timedelta(days=1)))
        if end and end < date.max
        else high
    )
    beyond = high - last if descending else first - low
    return beyond <= last - first


def _sorted_within(posts: QuerySet[Post], order: Order) -> tuple[QuerySet, Order]:
    """The range sorted on its own: by an expression equal to the sort column that no
    index answers, so the database reads the range by its own index and sorts it
    (positions stay those of the column: the values are the same)."""
    names = {f"sorted_{n}": name for n, name in enumerate(order.fields)}
    sortable = posts.annotate(
        **{alias: Coalesce(F(name), F(name)) for alias, name in names.items()}
    )
    return sortable, Order(order.name, tuple(names), order.descending, order.empty)
