"""SQLite: FTS5 tables whose rowid is the rank key.

`search_fts` holds title, body and facets (filter values, see facets.py); titles have
a table of their own too (`search_fts_title`). The tokenizer is unicode61 over text
that `bulletin.search.text` has already folded and split (CJK as bigrams), so it only
splits on the spaces; "~" is a token character, for the facets. FTS5
reads a match in rowid order and stops at LIMIT, so a word found in every post costs
no more than a rare one.
"""

from __future__ import annotations

import json
import time

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL

from bulletin.search.backends import COMMON_FACET, Backend, IndexRow, Tier
from bulletin.search.query import ParsedQuery, Term

TABLE = "search_fts"
TITLE_TABLE = "search_fts_title"


def _token(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _term(term: Term) -> str:
    phrase = " + ".join(_token(token) for token in term.tokens)
    return f"{phrase} *" if term.prefix else phrase


def _all(terms: tuple[Term, ...]) -> str:
    return " AND ".join(f"({_term(term)})" for term in terms)


def match_expression(terms: tuple[Term, ...], excluded: tuple[Term, ...] = ()) -> str:
    """An FTS5 query: all of `terms` and none of `excluded`, every token a quoted string."""
    expression = _all(terms)
    if excluded:
        expression = (
            f"({expression}) NOT ({' OR '.join(f'({_term(t)})' for t in excluded)})"
        )
    return expression


def _words(columns: str, terms: tuple[Term, ...], facets: tuple[str, ...]) -> str:
    """`terms` in `columns` and, when asked, every facet in the facets column."""
    expression = f"{{{columns}}} : ({_all(terms)})"
    if facets:
        wanted = " AND ".join(_token(facet) for facet in facets)
        expression = f"({expression}) AND ({{facets}} : ({wanted}))"
    return expression


def _without(expression: str, excluded: tuple[Term, ...]) -> str:
    if not excluded:
        return expression
    unwanted = " OR ".join(f"({_term(term)})" for term in excluded)
    return f"({expression}) NOT ({{title body}} : ({unwanted}))"


# How many of the newest entries tell a facet's share, and for how long (per process).
SAMPLE = 2000
SHARES_KEPT = 600.0  # seconds
_shares: dict[str, tuple[float, float]] = {}


def facet_share(facet: str) -> float:
    """Share of the newest `SAMPLE` entries that hold `facet` (0 on a smaller index).

    A count of every post holding a language's facet reads its whole list (30 ms at
    100,000 posts); the newest posts say as much about a site's mix, from one seek.
    """
    now = time.monotonic()
    kept = _shares.get(facet)
    if kept is not None and now - kept[0] <= SHARES_KEPT:
        return kept[1]
    share = 0.0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT key FROM search_searchentry ORDER BY key DESC LIMIT 1 OFFSET %s",
            [SAMPLE - 1],
        )
        oldest = cursor.fetchone()
        if oldest is not None:
            cursor.execute(
                f"SELECT count(*) FROM {TITLE_TABLE} WHERE {TITLE_TABLE} MATCH %s "  # noqa: S608
                "AND rowid >= %s",
                [f"{{facets}} : ({_token(facet)})", oldest[0]],
            )
            share = cursor.fetchone()[0] / SAMPLE
    _shares[facet] = (now, share)
    return share


def forget_facet_shares() -> None:
    """Count the shares again at the next search (tests)."""
    _shares.clear()


class SqliteBackend(Backend):
    def write(self, rows: list[IndexRow]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, body, facets) "  # noqa: S608
                "VALUES (%s, %s, %s, %s)",
                [
                    (
                        row.key,
                        " ".join(row.title),
                        " ".join(row.body),
                        " ".join(row.facets),
                    )
                    for row in rows
                ],
            )
            cursor.executemany(
                f"INSERT INTO {TITLE_TABLE} (rowid, title, facets) "  # noqa: S608
                "VALUES (%s, %s, %s)",
                [(row.key, " ".join(row.title), " ".join(row.facets)) for row in rows],
            )

    def insert(self, rows: list[IndexRow]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_searchentry (post_id, key) VALUES (%s, %s)",
                [(row.post_id, row.key) for row in rows],
            )
        self.write(rows)

    def delete(self, keys: list[int]) -> None:
        with connection.cursor() as cursor:
            for table in (TABLE, TITLE_TABLE):
                cursor.executemany(
                    f"DELETE FROM {table} WHERE rowid = %s",  # noqa: S608
                    [(key,) for key in keys],
                )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            for table in (TABLE, TITLE_TABLE):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608

    def id_list(self, ids: list[int]) -> RawSQL:
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])

    def restrict(self, posts: QuerySet, ids: list[int]) -> QuerySet:
        # Written as EXISTS so that each id is a primary key lookup: a plain filter
        # lets SQLite walk the index of every published post instead (100 ms).
        return (
            posts.model.objects.filter(pk__in=self.id_list(ids))
            .filter(Exists(posts.filter(pk=OuterRef("pk"))))
            .order_by()
        )

    def candidates(
        self,
        query: ParsedQuery,
        tier: Tier,
        below: int | None,
        limit: int,
        facets: tuple[str, ...] = (),
    ) -> list[tuple[int, int]]:
        # See COMMON_FACET: FTS5 walked such a facet's whole list (twice as slow).
        facets = tuple(f for f in facets if facet_share(f) < COMMON_FACET)
        where, params = [], []
        if tier is Tier.TITLE:
            # Titles have their own table; exclusions are checked in the whole post.
            table = TITLE_TABLE
            where.append(f"{TITLE_TABLE} MATCH %s")
            params.append(_words("title", query.include, facets))
            if query.exclude:
                where.append(
                    f"NOT EXISTS (SELECT 1 FROM {TABLE} x WHERE {TABLE} MATCH %s "  # noqa: S608
                    "AND x.rowid = f.rowid)"
                )
                params.append(f"{{title body}} : ({match_expression(query.exclude)})")
        else:
            table = TABLE
            where.append(f"{TABLE} MATCH %s")
            params.append(
                _without(_words("title body", query.include, facets), query.exclude)
            )
        if below is not None:
            where.append("f.rowid < %s")
            params.append(below)
        params.append(limit)
        sql = (
            f"SELECT f.rowid, e.post_id FROM {table} f "  # noqa: S608
            "JOIN search_searchentry e ON e.key = f.rowid "
            f"WHERE {' AND '.join(where)} ORDER BY f.rowid DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
