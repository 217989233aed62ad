"""Numbered pages of staff lists that cost the same at page 1 and page 20,000.

Django's `Paginator` counts the whole list (`COUNT(*)`, a scan of a million rows) and
reads page N by `OFFSET`, fetching every skipped row. Here the count stops at
`COUNT_CAP` ("more than 10,000 posts"), whether there is a next page is known from
one extra row, and a page is read in two steps: the ids of its rows, which the
database finds in an index without touching the rows it skips, then those rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from django.db.models import QuerySet

COUNT_CAP = 10_000
MAX_PAGE = 10**6


@dataclass
class CappedPage:
    """What templates ask of a Django page, for one page of a `CappedPaginator`."""

    object_list: list
    number: int
    paginator: CappedPaginator
    _has_next: bool

    def __iter__(self) -> Iterator:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._has_next

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


class CappedPaginator:
    """Pages of `rows` (ordered, ending with the id for a stable order)."""

    def __init__(self, rows: QuerySet, per_page: int, cap: int | None = None) -> None:
        self.rows, self.per_page = rows, per_page
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

    def get_page(self, number: object) -> CappedPage:
        """The page asked for; a number that is not one gives page 1, one past the
        end the last page (as Django's `get_page`)."""
        try:
            wanted = int(str(number))
        except ValueError:
            wanted = 1
        wanted = min(max(wanted, 1), MAX_PAGE)
        if not self.capped:
            wanted = min(wanted, self.num_pages)
        page = self._read(wanted)
        if not page.object_list and page.number > 1:
            # Past the end of a list too long to count (or one that just shrank).
            page = self._read(self._last_page())
        return page

    def _read(self, number: int) -> CappedPage:
        start = (number - 1) * self.per_page
        ids = list(
            self.rows.values_list("pk", flat=True)[start : start + self.per_page + 1]
        )
        shown = ids[: self.per_page]
        found = {row.pk: row for row in self.rows.filter(pk__in=shown)} if shown else {}
        return CappedPage(
            object_list=[found[pk] for pk in shown if pk in found],
            number=number,
            paginator=self,
            _has_next=len(ids) > self.per_page,
        )

    def _last_page(self) -> int:
        # Only reached by asking past the end: then the whole list is counted once.
        total = self.rows.order_by().count()
        return max(1, -(-total // self.per_page))
