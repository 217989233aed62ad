"""One search backend per database: the same questions, asked in each one's own syntax.

A backend stores the words of each post under its rank key and answers one question:
which keys, below a given key, match a parsed query in a given tier, newest first.
Which posts the public may see is not its business; see `bulletin.search.searching`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from bulletin.search.query import ParsedQuery

# A facet held by at least this share of the posts is left out of the index query:
# it narrows nothing, and reading its long list of posts is what the search then
# costs (the one language of a site). The ORM applies every filter again anyway.
COMMON_FACET = 0.5


class Tier(Enum):
    """Results come in two tiers: every term in the title first, then the rest."""

    TITLE = "title"
    REST = "rest"


@dataclass(frozen=True)
class IndexRow:
    key: int
    post_id: int
    title: list[str]
    # Everything else a reader may search: summary, body, place, attachments.
    body: list[str]
    # Filter values (see facets.py).
    facets: list[str] = field(default_factory=list)
    # The backend's own form of the words, made ahead (in a rebuild's worker
    # process) by `Backend.prepare`; the word lists are then left empty.
    prepared: tuple[str, ...] | None = None


class Backend:
    def write(self, rows: list[IndexRow]) -> None:
        """The words of posts whose entries (`SearchEntry`) exist already."""
        raise NotImplementedError

    def insert(self, rows: list[IndexRow]) -> None:
        """Entries and words of posts not indexed yet, in bulk."""
        raise NotImplementedError

    def prepare(self, row: IndexRow) -> IndexRow:
        """`row` with its words already in the form `insert` writes (see `prepared`)."""
        return row

    def delete(self, keys: list[int]) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def after_rebuild(self) -> None:
        """Housekeeping after a full rebuild, outside its transaction."""

    def id_list(self, ids: list[int]) -> RawSQL:
        """A subquery of `ids` as one parameter, for `pk__in`, whatever their number."""
        raise NotImplementedError

    def restrict(self, posts: QuerySet, ids: list[int]) -> QuerySet:
        """The posts of `ids` that `posts` holds (for readers: `Post.objects.public()`)."""
        return posts.filter(pk__in=self.id_list(ids)).order_by()

    def candidates(
        self,
        query: ParsedQuery,
        tier: Tier,
        below: int | None,
        limit: int,
        facets: tuple[str, ...] = (),
    ) -> list[tuple[int, int]]:
        """(key, post id) of matching posts with keys below `below`, highest key first.

        Only posts carrying every one of `facets` are candidates.

        The title tier holds posts with every term in the title; the rest tier holds
        every matching post, title matches included (the caller leaves those out).
        """
        raise NotImplementedError


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        from bulletin.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    if connection.vendor == "sqlite":
        from bulletin.search.backends.sqlite import SqliteBackend

        return SqliteBackend()
    raise NotImplementedError(f"No search backend for {connection.vendor}")
