"""SQLite: an FTS5 table whose rowid is the rank key.

Titles have a table of their own too (`search_fts_title`). The tokenizer is unicode61 over text that `bulletin.search.text` has already
folded and split (CJK as bigrams), so the tokenizer only splits on the spaces. FTS5
reads a match in rowid order and stops at LIMIT, so a word found in every post costs
no more than a rare one.
"""

from __future__ import annotations

import json

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL

from bulletin.search.backends import Backend, IndexRow, Tier
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


class SqliteBackend(Backend):
    def write(self, rows: list[IndexRow]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
                [(row.key, " ".join(row.title), " ".join(row.body)) for row in rows],
            )
            cursor.executemany(
                f"INSERT INTO {TITLE_TABLE} (rowid, title) VALUES (%s, %s)",  # noqa: S608
                [(row.key, " ".join(row.title)) for row in rows],
            )

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
        self, query: ParsedQuery, tier: Tier, below: int | None, limit: int
    ) -> list[tuple[int, int]]:
        where, params = [], []
        if tier is Tier.TITLE:
            # Titles have their own table; exclusions are checked in the whole post.
            table = TITLE_TABLE
            where.append(f"{TITLE_TABLE} MATCH %s")
            params.append(match_expression(query.include))
            if query.exclude:
                where.append(
                    f"NOT EXISTS (SELECT 1 FROM {TABLE} x WHERE {TABLE} MATCH %s "  # noqa: S608
                    "AND x.rowid = f.rowid)"
                )
                params.append(match_expression(query.exclude))
        else:
            table = TABLE
            where.append(f"{TABLE} MATCH %s")
            params.append(match_expression(query.include, query.exclude))
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
