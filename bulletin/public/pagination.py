"""The numbered page links under a list: first, previous, a window of numbers, next, last."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest

MAX_PAGE_DIGITS = 9


def requested_page(request: HttpRequest) -> int:
    """The ?page= number, or 404 for anything that is not a positive whole number."""
    raw = request.GET.get("page", "1")
    if (
        not raw.isascii()
        or not raw.isdigit()
        or len(raw) > MAX_PAGE_DIGITS
        or int(raw) < 1
    ):
        raise Http404("No such page")
    return int(raw)


@dataclass(frozen=True)
class PageLinks:
    number: int
    num_pages: int
    window: int = 2

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    def numbers(self) -> list[int | None]:
        """Page numbers to show, with None where a run of numbers is skipped."""
        shown = {1, self.num_pages}
        shown.update(
            range(
                max(1, self.number - self.window),
                min(self.num_pages, self.number + self.window) + 1,
            )
        )
        result: list[int | None] = []
        previous = 0
        for n in sorted(shown):
            if n - previous > 1:
                result.append(None)
            result.append(n)
            previous = n
        return result
