"""A place in a sorted list, named by the row it follows: "after this row" paging.

A `Position` holds the sort values and id of one row, so the next page is read by
seeking to them in an index (`compare`), whatever the depth. It travels in the page's
address, signed so that a made-up or damaged one is refused (400) instead of being
read; it also carries the page's number (or its place from the end), which is only
a label.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.db.models import Q
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan

SALT = "bulletin.posts.positions"
MAX_LENGTH = 2000


class BadPosition(ValueError):
    """Not a position this list gave out (damaged, made up, or of another order)."""


def _dump(value: object) -> object:
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if value is None or isinstance(value, str | int):
        return value
    raise TypeError(f"cannot keep {type(value).__name__} in a position")


def _load(value: object) -> object:
    if isinstance(value, dict):
        return datetime.fromisoformat(str(value["t"]))
    if value is None or isinstance(value, str | int):
        return value
    raise TypeError("not a position value")


@dataclass(frozen=True)
class Position:
    order: str
    in_values: bool  # in the run of rows that have sort values (or the empty run)
    values: list
    pk: int
    number: int | None = None
    from_end: int | None = None

    def encode(self, number: int | None, from_end: int | None = None) -> str:
        data = [self.order, self.in_values, [_dump(v) for v in self.values], self.pk]
        return signing.dumps([*data, number, from_end], salt=SALT, compress=True)

    @classmethod
    def decode(cls, token: str, order: str) -> Position:
        if len(token) > MAX_LENGTH:
            raise BadPosition("too long")
        try:
            name, in_values, values, pk, number, from_end = signing.loads(
                token, salt=SALT
            )
            position = cls(
                order=str(name),
                in_values=bool(in_values),
                values=[_load(v) for v in values],
                pk=int(pk),
                number=None if number is None else int(number),
                from_end=None if from_end is None else int(from_end),
            )
        except (signing.BadSignature, ValueError, TypeError, KeyError) as error:
            raise BadPosition(str(error)) from error
        if position.order != order:
            raise BadPosition("a position in a list sorted another way")
        return position


def compare(columns: list, values: list, *, descending: bool) -> Q | TupleLessThan:
    """Rows after (`values`) in the order of `columns`, all ascending or descending.

    One row comparison, `(a, b, id) > (x, y, n)`, which PostgreSQL answers as a range
    in the index on those columns; the first column's bound is said on its own as
    well, so SQLite (which Django gives the comparison spelled out with ORs) also
    starts its index walk there.
    """
    lookup = TupleLessThan if descending else TupleGreaterThan
    row = lookup(Tuple(*columns), tuple(values))
    first = columns[0].name
    bound = Q(**{f"{first}__{'lte' if descending else 'gte'}": values[0]})
    return bound & Q(row)
