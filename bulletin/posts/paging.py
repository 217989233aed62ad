"""Pages of staff lists that cost the same at page 1 and at the end of a million rows.

Django's `Paginator` counts the whole list (`COUNT(*)`, a scan of a million rows) and
reads page N by `OFFSET`, walking every skipped row. Here:

- the count stops at `COUNT_CAP` ("more than 10,000 posts"), and whether there is a
  next page is known from one extra row;
- the first `COUNT_CAP` rows are in numbered pages (`?page=7`), read as ids by an
  offset of at most `COUNT_CAP` index entries, then those rows;
- past them, Next and Previous name the row they continue from by its sort values
  (`?after=…` / `?before=…`, signed `Position`s): the database seeks there in the
  sort column's index, so page 20,000 costs what page 2 does. The end of the list is
  one click away (`?page=last`), read backwards the same way;
- a column that can be empty (a draft's publication time, a post without author)
  is read as two runs, the rows with a value and then those without, so that each
  run is one plain index order (the database cannot walk "newest first, empty last"
  backwards in one index).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import F, Q, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy

from bulletin.posts.positions import BadPosition, Position, compare

COUNT_CAP = 10_000
LAST = "last"

__all__ = ["BadPosition", "CappedPaginator", "Order", "PageBeyondNumbers", "PastTheEnd"]

BAD_POSITION = gettext_lazy(
    "This address names a place in the list that Bulletin did not give out (it may "
    "have been cut short or changed), so the list starts again at its first page."
)


def beyond_numbers(paginator: CappedPaginator) -> str:
    """What a person asking for page 5,000 of a long list is told."""
    return gettext(
        "Only the first %(cap)s posts of a list have page numbers (pages 1 to "
        "%(pages)s). To go further, open page %(pages)s and use “Next page”, go to "
        "the last page, reverse the order, or narrow the list with the filters."
    ) % {
        "cap": number_format(paginator.cap, force_grouping=True),
        "pages": number_format(paginator.numbered_pages, force_grouping=True),
    }


class PageBeyondNumbers(LookupError):
    """A page number past the numbered pages of a list too long to count."""


class PastTheEnd(LookupError):
    """A page number past the end of a counted list; `last` is its last page."""

    def __init__(self, last: int) -> None:
        super().__init__(last)
        self.last = last


@dataclass(frozen=True)
class Order:
    """A list's order: `fields` in one direction, then the id the same way.

    `empty` is a lookup true when the row has no value in `fields` (those rows come
    last, in id order); `name` tells positions of different orders apart.
    """

    name: str
    fields: tuple[str, ...]
    descending: bool = False
    empty: str | None = None

    def terms(self, values_run: bool = True) -> list:
        sign = "-" if self.descending else ""
        fields = self.fields if values_run else ()
        return [f"{sign}{name}" for name in (*fields, "pk")]

    def reversed(self) -> Order:
        return Order(self.name, self.fields, not self.descending, self.empty)


@dataclass
class CappedPage:
    """What templates ask of a Django page, for one page of a `CappedPaginator`.

    `number` is None on a page reached from the end of a list too long to count;
    `from_end` is then its place counted from the last page (1).
    """

    object_list: list
    number: int | None
    paginator: CappedPaginator
    _has_next: bool
    _has_previous: bool
    next_query: dict = field(default_factory=dict)
    previous_query: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)  # this page's own address
    from_end: int | None = None

    def __iter__(self) -> Iterator:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self._has_previous

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    @property
    def is_last(self) -> bool:
        return not self._has_next

    @property
    def numbered(self) -> bool:
        """Whether the page has an address by number (bookmarkable as ?page=N)."""
        return self.number is not None and self.number <= self.paginator.numbered_pages


class CappedPaginator:
    """Pages of `rows` in `order` (`rows` is filtered; its own ordering is replaced)."""

    def __init__(
        self, rows: QuerySet, per_page: int, order: Order, cap: int | None = None
    ) -> None:
        self.rows, self.per_page, self.order = rows, per_page, order
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def count(self) -> int:
        """Rows in the list, but never more than `cap` + 1 are counted."""
        return self.rows.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        """The list holds more than `cap` rows: `count` and `num_pages` are lower bounds."""
        return self.count > self.cap

    @property
    def num_pages(self) -> int:
        return max(1, -(-min(self.count, self.cap) // self.per_page))

    @property
    def numbered_pages(self) -> int:
        """Pages that have a number in the address: those within the cap."""
        return max(1, self.cap // self.per_page) if self.capped else self.num_pages

    def page_asked(self, query: Mapping[str, str]) -> CappedPage:
        """`get_page()` for the `page`, `after` and `before` of a query string: the
        three parameters every capped list's links carry."""
        return self.get_page(
            query.get("page"),
            after=query.get("after", ""),
            before=query.get("before", ""),
        )

    def get_page(
        self, number: object = None, after: str = "", before: str = ""
    ) -> CappedPage:
        """The page asked for by number, by `Position` or `LAST`.

        A number that is not one gives page 1; one past the end of a counted list
        raises `PastTheEnd` (send the person to the last page), one past the
        numbered pages of a longer list `PageBeyondNumbers` (tell them how to go on).
        A position that is not one this list gave out raises `BadPosition`.
        """
        if after or before:
            position = Position.decode(after or before, self.order.name)
            page = self._after(position) if after else self._before(position)
            page.query = {"after": after} if after else {"before": before}
            return page
        if number == LAST:
            page = self._last()
            page.query = {"page": LAST}
            return page
        try:
            wanted = max(int(str(number)), 1)
        except ValueError:
            wanted = 1
        if wanted > self.numbered_pages:
            if self.capped:
                raise PageBeyondNumbers(wanted)
            raise PastTheEnd(self.num_pages)
        page = self._numbered(wanted)
        if page.number and page.number > 1:
            page.query = {"page": page.number}
        return page

    # Reading.

    def _runs(self, order: Order) -> list[tuple[QuerySet, bool]]:
        """The list as runs in `order`, each one plain index order: (rows, values run)."""
        if not self.order.empty:
            return [(self.rows.order_by(*order.terms()), True)]
        values = self.rows.filter(**{self.order.empty: False})
        empty = self.rows.filter(**{self.order.empty: True})
        runs = [
            (values.order_by(*order.terms()), True),
            (empty.order_by(*order.terms(values_run=False)), False),
        ]
        # Read backwards, the empty rows (last in the list) come first.
        return runs if order.descending == self.order.descending else runs[::-1]

    def _ids(
        self, order: Order, start: Position | None, limit: int, offset: int = 0
    ) -> list[tuple[int, Position]]:
        """Up to `limit` rows after `start` (exclusive) in `order`, with their positions."""
        found: list[tuple[int, Position]] = []
        runs = self._runs(order)
        if start is not None:
            # Runs before the one the position is in are passed over.
            while runs and runs[0][1] != start.in_values:
                runs.pop(0)
        for rows, in_values in runs:
            if start is not None and start.in_values == in_values:
                rows = rows.filter(self._beyond(order, start))
            fields = self.order.fields if in_values else ()
            read = list(
                rows.values_list("pk", *fields)[offset : offset + limit - len(found)]
            )
            for pk, *values in read:
                found.append((pk, Position(self.order.name, in_values, values, pk)))
            if len(found) >= limit:
                break
            if offset:
                # The run ended before the offset did: the rest falls in the next.
                offset = 0 if read else offset - rows.order_by()[:offset].count()
            start = None
        return found

    def _beyond(self, order: Order, start: Position) -> Q:
        fields = [*(self.order.fields if start.in_values else ()), "pk"]
        return compare(
            [F(name) for name in fields],
            [*start.values, start.pk],
            descending=order.descending,
        )

    def _rows(self, ids: list[int]) -> list:
        rows = self.rows.filter(pk__in=ids).order_by()
        found = {row.pk: row for row in rows} if ids else {}
        return [found[pk] for pk in ids if pk in found]

    def _page(
        self,
        read: list[tuple[int, Position]],
        number: int | None,
        has_next: bool,
        has_previous: bool,
        from_end: int | None = None,
        aligned: bool = True,
    ) -> CappedPage:
        """The page of `read`; `aligned` when its rows start at a multiple of
        `per_page`, so that its neighbours may be addressed by number."""
        page = CappedPage(
            object_list=self._rows([pk for pk, _position in read]),
            number=number,
            paginator=self,
            _has_next=has_next,
            _has_previous=has_previous,
            from_end=from_end,
        )
        numbers = self.numbered_pages
        if has_next:
            following = None if number is None else number + 1
            if aligned and following is not None and following <= numbers:
                page.next_query = {"page": following}
            else:
                place = None if from_end is None else from_end - 1
                page.next_query = {"after": read[-1][1].encode(following, place)}
        if has_previous:
            preceding = None if number is None else number - 1
            if preceding is not None and preceding <= numbers:
                page.previous_query = {"page": preceding}
            else:
                place = None if from_end is None else from_end + 1
                page.previous_query = {"before": read[0][1].encode(preceding, place)}
        return page

    def _numbered(self, number: int) -> CappedPage:
        start = (number - 1) * self.per_page
        read = self._ids(self.order, None, self.per_page + 1, offset=start)
        if not read and number > 1:
            # The list shrank under a numbered address: its last page.
            return self._last()
        return self._page(
            read[: self.per_page], number, len(read) > self.per_page, number > 1
        )

    def _after(self, position: Position) -> CappedPage:
        read = self._ids(self.order, position, self.per_page + 1)
        if not read:
            return self._last()
        # The position carries the number (or place from the end) of the page it
        # leads to: a label only.
        number, from_end = position.number, position.from_end
        return self._page(
            read[: self.per_page],
            number,
            len(read) > self.per_page,
            True,
            from_end=from_end if number is None else None,
        )

    def _before(self, position: Position) -> CappedPage:
        read = self._ids(self.order.reversed(), position, self.per_page + 1)
        number, from_end = position.number, position.from_end
        if not read:
            return self._numbered(1)
        if len(read) <= self.per_page:
            # Back at the start: the rows before the position are the first page,
            # shorter than the others when pages were counted from the end. Its
            # Next continues from its last row, not from an offset.
            return self._page(
                read[::-1],
                None if from_end else 1,
                True,
                False,
                from_end=from_end,
                aligned=False,
            )
        return self._page(
            read[: self.per_page][::-1],
            number,
            True,
            True,
            from_end=from_end if number is None else None,
        )

    def _last(self) -> CappedPage:
        if not self.capped:
            # Short enough to count: the last page has its number.
            number = self.num_pages
            start = (number - 1) * self.per_page
            read = self._ids(self.order, None, self.per_page + 1, start)
            return self._page(read[: self.per_page], number, False, number > 1)
        read = self._ids(self.order.reversed(), None, self.per_page + 1)
        return self._page(
            read[: self.per_page][::-1],
            None,
            False,
            len(read) > self.per_page,
            from_end=1,
        )
