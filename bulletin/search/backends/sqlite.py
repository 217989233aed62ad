"""SQLite: an FTS5 table whose rowid is the rank key.

The table's tokenizer is unicode61 over text that `bulletin.search.text` has already
folded and split (CJK as bigrams), so the tokenizer only splits on the spaces. FTS5
reads a match in rowid order and stops at LIMIT, so a word found in every post costs
no more than a rare one.
"""

from __future__ import annotations

from django.db import connection

from bulletin.search.backends import Backend, IndexRow, Tier
from bulletin.search.query import ParsedQuery, Term

TABLE = "search_fts"


def _token(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _term(term: Term) -> str:
    phrase = " + ".join(_token(token) for token in term.tokens)
    return f"{phrase} *" if term.prefix else phrase


def _all(terms: tuple[Term, ...]) -> str:
    return " AND ".join(f"({_term(term)})" for term in terms)


def match_expression(query: ParsedQuery, tier: Tier) -> str:
    """The FTS5 query for one tier; every token is a quoted string, never syntax."""
    included = _all(query.include)
    in_title = f"{{title}} : ({included})"
    expression = (
        f"({in_title})" if tier is Tier.TITLE else f"({included}) NOT ({in_title})"
    )
    if query.exclude:
        excluded = " OR ".join(f"({_term(term)})" for term in query.exclude)
        expression = f"({expression}) NOT ({excluded})"
    return expression


class SqliteBackend(Backend):
    def write(self, rows: list[IndexRow]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
                [(row.key, " ".join(row.title), " ".join(row.body)) for row in rows],
            )

    def delete(self, keys: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {TABLE} WHERE rowid = %s",  # noqa: S608
                [(key,) for key in keys],
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608

    def candidates(
        self, query: ParsedQuery, tier: Tier, below: int | None, limit: int
    ) -> list[tuple[int, int]]:
        bound = "AND f.rowid < %s" if below is not None else ""
        params: list = [match_expression(query, tier)]
        if below is not None:
            params.append(below)
        params.append(limit)
        sql = (
            f"SELECT f.rowid, e.post_id FROM {TABLE} f "  # noqa: S608
            "JOIN search_searchentry e ON e.key = f.rowid "
            f"WHERE {TABLE} MATCH %s {bound} ORDER BY f.rowid DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
