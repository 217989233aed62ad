"""Hot querysets built once per shape, then run again with new values.

A post page asks eight small queries, and each costs the database a few microseconds
and Django most of a millisecond: filters, lookups and expressions are built and
compiled to SQL on every call (0.7 of the 1.0 ms a neighbour query took, measured at
100,000 posts). The pages ask the same few shapes of query over and over, with only
times, ids and slugs changing, so the SQL is compiled once per shape here and the
values are put into its parameters.

How a shape is learnt, without trusting anyone's reading of Django's compiler: the
queryset is built and compiled twice, once with stand-in values no caller would pass
and once with the caller's. The two SQL texts must be the same, and every parameter
must either be the same in both (a constant of the shape) or be the stand-in of one
value, as the database adapts it, in one and the caller's in the other. Anything else
(a value that changes the SQL text, a LIMIT written into it, a value the compiler
transforms) leaves the shape unprepared: the call runs the queryset as Django builds
it, as it always did. The key a caller gives must hold everything else the build
reads (a list's filters, the time zone a year is counted in); the values passed are
the only things that may change under one key.

Rows come back through `QuerySet.raw()`, which applies the database's converters and
defers the columns not selected, as the queryset would have.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet

logger = logging.getLogger(__name__)

SHAPES_KEPT = 2048

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


# A plain dict: one lookup or store is atomic, and a shape learnt twice by two
# threads is the same shape. None marks a key that cannot be prepared.
_shapes: dict[Hashable, _Shape | None] = {}


def rows(
    key: Hashable,
    build: Callable[..., QuerySet],
    *values: Any,
    window: slice | None = None,
) -> list[Model]:
    """`list(build(*values)[window])`, with the SQL of `key`'s shape compiled once.

    Django writes a slice into the SQL text; a `window` is given to the database as
    two more parameters instead, so that every page of a list is one shape.
    """
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
    """Drop every learnt shape (tests that change the schema or settings)."""
    _shapes.clear()


def _shape(
    key: Hashable, build: Callable[..., QuerySet], values: tuple
) -> _Shape | None:
    full_key = (key, tuple(type(value) for value in values))
    if full_key in _shapes:
        return _shapes[full_key]
    shape = _learn(build, values)
    if shape is None:
        logger.info("query shape %r cannot be prepared; it runs unprepared", key)
    if len(_shapes) >= SHAPES_KEPT:
        _shapes.clear()
    _shapes[full_key] = shape
    return shape


def _learn(build: Callable[..., QuerySet], values: tuple) -> _Shape | None:
    stand_ins = tuple(_stand_in(value, n) for n, value in enumerate(values))
    if None in stand_ins:
        return None
    given_qs = build(*values)
    try:
        stand_in_qs = build(*stand_ins)
    except (ValueError, TypeError, OverflowError):
        return None  # the build reads the value itself (a slice, a range check)
    if given_qs.db != stand_in_qs.db:
        return None
    connection = connections[given_qs.db]
    try:
        given_sql, given = given_qs.query.sql_with_params()
        stand_in_sql, stood = stand_in_qs.query.sql_with_params()
    except EmptyResultSet:
        return None  # `pk__in=[]`: Django answers it without SQL
    if given_sql != stand_in_sql or len(given) != len(stood):
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
    return _Shape(given_sql, given_qs.db, given_qs.model, tuple(params))


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


def _stand_in(value: Any, n: int) -> Any:
    """A value of the same type that no caller passes: far in the past, or huge."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return None  # the site works in aware times; a naive one is a mistake
        return datetime(1901, 2, 3, 4, 5, 6, 100_000 + n, tzinfo=UTC)
    if isinstance(value, date):
        return date(1901, 2, 1 + n % 27)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (1 << 62) - n
    if isinstance(value, str):
        return f"~stand-in-{n}~"
    if isinstance(value, uuid.UUID):
        return uuid.UUID(int=n + 1)
    return None
