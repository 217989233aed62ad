"""Hot querysets built once per shape, then run again with new values.

A post page asks eight small queries, and each costs the database a few microseconds
and Django most of a millisecond: filters, lookups and expressions are built and
compiled to SQL on every call (0.7 of the 1.0 ms a neighbour query took, measured at
100,000 posts). The pages ask the same few shapes of query over and over, with only
times, ids and slugs changing, so the SQL is compiled once per shape here and the
values are put into its parameters.

How a shape is learnt, checked against Django's own compiler rather than a reading
of it: the queryset is built and compiled with the caller's values and with stand-in
values no caller would pass. The two SQL texts must be the same, and every parameter
must either be the same in both (a constant of the shape) or be the stand-in of one
value, as the database adapts it, in one and the caller's in the other. A third
compile, with stand-ins from the other end of each type's range (far future, small
numbers), must then give the same text and exactly the parameters the shape binds for
them. Anything else (a value that changes the SQL text, a LIMIT written into it, a
value the compiler transforms) leaves the shape unprepared: the call runs the queryset
as Django builds it, as it always did.

Two rules for callers. The key must hold everything else the build reads (a list's
filters, the time zone a year is counted in): the values passed are the only things
that may change under one key. And a build passes its values to the ORM as they are,
with no Python that chooses by value (`min(at, cutoff)`, `if at > …`): the three
compiles could all take the same branch and miss the other.

Rows come back through `QuerySet.raw()`, which applies the database's converters and
defers the columns not selected, as the queryset would have.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet

from bulletin.posts.localcache import LocalLRU

logger = logging.getLogger(__name__)

# A list has about seven shapes (its pages, pins, a post's neighbours and page, a
# day's count); the least recently used go first.
SHAPES_KEPT = 4096

Adapter = Callable[[Any], Any]


@dataclass(frozen=True)
class _Shape:
    sql: str
    db: str
    model: type[Model]
    # For each parameter: the index of the value it takes and how it is adapted, or
    # None and the constant itself.
    params: tuple[tuple[int | None, Adapter | Any], ...]

    def bind(self, values: tuple) -> list:
        return [
            adapter(values[slot]) if slot is not None else adapter
            for slot, adapter in self.params
        ]


# A shape learnt twice by two threads is the same shape. UNPREPARED marks a key that
# cannot be prepared (its calls run the queryset itself).
UNPREPARED = object()
_shapes: LocalLRU[_Shape | object] = LocalLRU(SHAPES_KEPT)


def rows(
    key: Hashable,
    build: Callable[..., QuerySet],
    *values: Any,
    window: slice | None = None,
) -> list[Model]:
    """`list(build(*values)[window])`, with the SQL of `key`'s shape compiled once.

    Django writes a slice into the SQL text; a `window` is given to the database as
    two more parameters instead, so that every page of a list is one shape (`build`
    must not slice its queryset itself).
    """
    if window is not None and (window.start is None or window.stop is None):
        raise ValueError("a window has a start and a stop")
    shape = _shape(("window", key) if window else key, build, values)
    if shape is None:
        found = build(*values)
        return list(found[window] if window else found)
    sql, params = shape.sql, shape.bind(values)
    if window:
        sql += " LIMIT %s OFFSET %s"
        params += [window.stop - window.start, window.start]
    manager = shape.model._default_manager.db_manager(shape.db)
    return list(manager.raw(sql, params))


def count(key: Hashable, build: Callable[..., QuerySet], *values: Any) -> int:
    """`build(*values).count()`, with the SQL of `key`'s shape compiled once."""
    shape = _shape(("count", key), lambda *v: build(*v).order_by().values("pk"), values)
    if shape is None:
        return build(*values).count()
    with connections[shape.db].cursor() as cursor:
        # The text is Django's own compiled query; every value is a parameter.
        counting = f"SELECT COUNT(*) FROM ({shape.sql}) AS counted"  # noqa: S608
        cursor.execute(counting, shape.bind(values))
        return cursor.fetchone()[0]


def forget() -> None:
    """Drop every learnt shape (each test starts without them)."""
    _shapes.clear()


def learnt(key: Hashable, *values: Any) -> bool | None:
    """Whether `key`'s shape for values of these types was learnt and prepared (True)
    or runs unprepared (False); None if it was not learnt yet."""
    found = _shapes.get((key, tuple(type(value) for value in values)))
    return None if found is None else found is not UNPREPARED


def _shape(
    key: Hashable, build: Callable[..., QuerySet], values: tuple
) -> _Shape | None:
    full_key = (key, tuple(type(value) for value in values))
    found = _shapes.get(full_key)
    if found is None:
        found = _learn(build, values) or UNPREPARED
        if found is UNPREPARED:
            logger.info("query shape %r cannot be prepared; it runs unprepared", key)
        _shapes.set(full_key, found)
    return None if found is UNPREPARED else found


def _compiled(queryset: QuerySet) -> tuple[str, tuple]:
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    return sql, tuple(params)


def _learn(build: Callable[..., QuerySet], values: tuple) -> _Shape | None:
    stand_ins = tuple(_stand_in(value, n) for n, value in enumerate(values))
    others = tuple(_stand_in(value, n, far_end=True) for n, value in enumerate(values))
    if None in stand_ins or None in others:
        return None
    given_qs = build(*values)
    try:
        stand_in_qs, other_qs = build(*stand_ins), build(*others)
    except (ValueError, TypeError, OverflowError):
        return None  # the build reads the value itself (a slice, a range check)
    if not given_qs.db == stand_in_qs.db == other_qs.db:
        return None
    connection = connections[given_qs.db]
    try:
        given_sql, given = _compiled(given_qs)
        stand_in_sql, stood = _compiled(stand_in_qs)
        other_sql, other = _compiled(other_qs)
    except EmptyResultSet:
        return None  # `pk__in=[]`: Django answers it without SQL
    if not given_sql == stand_in_sql == other_sql or len(given) != len(stood):
        return None
    adapters = _adapters(connection)
    params: list[tuple[int | None, Any]] = []
    for taken, stood_param in zip(given, stood, strict=True):
        if taken == stood_param and not any(_is(stood_param, s) for s in stand_ins):
            params.append((None, taken))
            continue
        found = _which(stood_param, taken, stand_ins, values, adapters)
        if found is None:
            return None
        params.append(found)
    shape = _Shape(given_sql, given_qs.db, given_qs.model, tuple(params))
    try:
        if tuple(shape.bind(others)) != other:
            return None
    except (TypeError, ValueError, AttributeError):
        return None
    return shape


def _which(
    stood: Any, taken: Any, stand_ins: tuple, values: tuple, adapters: list[Adapter]
) -> tuple[int, Adapter] | None:
    """The value (and its adapter) that gave this parameter, checked both ways."""
    for n, stand_in in enumerate(stand_ins):
        for adapter in adapters:
            try:
                if adapter(stand_in) == stood and adapter(values[n]) == taken:
                    return n, adapter
            except (TypeError, ValueError, AttributeError):
                continue
    return None


def _is(param: Any, stand_in: Any) -> bool:
    return type(param) is type(stand_in) and param == stand_in


def _adapters(connection) -> list[Adapter]:
    ops = connection.ops
    return [
        _same,
        ops.adapt_datetimefield_value,
        ops.adapt_datefield_value,
        str,
        _hex,  # a UUID where the database has no type of its own for it
    ]


def _same(value: Any) -> Any:
    return value


def _hex(value: uuid.UUID) -> str:
    return value.hex


# Stand-ins for the n-th value, by its type: one from each end of the type's range
# (far past and huge, far future and small), so that neither is a value a caller
# passes and a build that chose by value would choose differently for one of them.
_ENDS: tuple[tuple[type, Callable[[int], Any], Callable[[int], Any]], ...] = (
    (
        datetime,
        lambda n: datetime(1901, 2, 3, 4, 5, 6, 100_000 + n, tzinfo=UTC),
        lambda n: datetime(2998, 11, 10, 9, 8, 7, n, tzinfo=UTC),
    ),
    (
        date,
        lambda n: date(1901, 2, 1) + timedelta(n),
        lambda n: date(2998, 1, 1) + timedelta(n),
    ),
    (int, lambda n: (1 << 62) - n, lambda n: n + 1),
    (str, lambda n: f"~stand-in-{n}~", lambda n: f"other-{n}"),
    (
        uuid.UUID,
        lambda n: uuid.UUID(int=n + 1),
        lambda n: uuid.UUID(int=(1 << 127) + n),
    ),
)


def _stand_in(value: Any, n: int, far_end: bool = False) -> Any:
    """A value of the same type that no caller passes, or None for a type that has
    none here (a bool, a naive time: the site works in aware ones)."""
    if isinstance(value, bool) or (
        isinstance(value, datetime) and value.tzinfo is None
    ):
        return None
    for kind, near, far in _ENDS:  # datetime before date: it is one
        if isinstance(value, kind):
            return (far if far_end else near)(n)
    return None
