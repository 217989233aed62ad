"""PostgreSQL: a title tsvector on the search entry row, body tsvectors in `search_body`.

The words arrive already folded and split by `bulletin.search.text` (CJK as bigrams),
and are written as tsvector and tsquery literals with every lexeme quoted, so
PostgreSQL's parser, its per-language dictionaries and extensions such as unaccent
play no part: a search finds the same posts here as on SQLite. Matches are read in
rank key order when a word is common (the planner walks the key index and stops at
LIMIT) and through the GIN index when it is rare.
"""

from __future__ import annotations

import functools
import time

from django.db import connection
from django.db.models.expressions import RawSQL

from bulletin.search.backends import COMMON_FACET, Backend, IndexRow, Tier
from bulletin.search.query import ParsedQuery, Term

# tsvector limits: positions run to 16383, a lexeme keeps at most 256 of them.
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 255


def _quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


# A lexeme as the text form starts it, quoted, with the colon before its positions.
_lexeme = functools.lru_cache(maxsize=200_000)(lambda token: _quote(token) + ":")
# Positions as text, worked out once: most of the literal is numbers.
_POSITION_TEXT = tuple(str(n) for n in range(MAX_POSITION + 1))


def tsvector_literal(tokens: list[str]) -> str:
    positions: dict[str, list[int]] = {}
    for position, token in enumerate(tokens, start=1):
        places = positions.get(token)
        if places is None:
            positions[token] = [position]
        elif len(places) < MAX_POSITIONS_PER_LEXEME:
            places.append(position)
    if len(tokens) > MAX_POSITION:
        # Positions ascend as read; past the limit they all become the limit (once).
        for token, places in positions.items():
            positions[token] = sorted({min(p, MAX_POSITION) for p in places})
    text = _POSITION_TEXT.__getitem__
    return " ".join(
        [
            _lexeme(token) + ",".join(map(text, places))
            for token, places in positions.items()
        ]
    )


def _term(term: Term) -> str:
    parts = [_quote(token) for token in term.tokens]
    if term.prefix:
        parts[-1] += ":*"
    return "(" + " <-> ".join(parts) + ")"


def tsquery_literal(terms: tuple[Term, ...], joiner: str = " & ") -> str:
    return joiner.join(_term(term) for term in terms)


def match_literal(
    terms: tuple[Term, ...],
    facets: tuple[str, ...] = (),
    frequencies: dict[str, float] | None = None,
) -> str:
    """All of `terms` and every one of `facets`, the most common first, the rarest last.

    The order is the point: PostgreSQL 15's GIN scan of an AND is quick only when
    its rarest entry comes last; a rare or absent word before a common one makes it
    decode the common one's whole posting tree. At 1,000,000 posts, '~l~en' &
    '~y~2026' & 'city' & 'hall' ("city" in no post) took 40 ms to find nothing,
    ... & 'hall' & 'city' 0.02 ms; "regional council" 30 ms, "council regional"
    0.02. `frequencies` are the planner's (`lexeme_frequencies`): a word it does not
    list is rarer than any it does. Without them, facets (lexemes with a "~", which
    no typed word holds; a language, a year, held by a fifth of the posts or more)
    come before the words, as typed.
    """
    frequencies = frequencies or {}
    parts = [(frequencies.get(facet, 0.0), _quote(facet)) for facet in facets]
    parts.extend(
        (min(frequencies.get(token, 0.0) for token in term.tokens), _term(term))
        for term in terms
    )
    # A stable sort: equals keep their order.
    parts.sort(key=lambda part: -part[0])
    return " & ".join(literal for _, literal in parts)


# The planner's most common lexemes of each vector column, per process, for a while:
# ANALYZE refreshes them rarely, and an old order is still a correct query.
FREQUENCIES_KEPT = 600.0  # seconds
_frequencies: tuple[float, dict[str, dict[str, float]]] | None = None


def lexeme_frequencies(column: str) -> dict[str, float]:
    """Share of rows holding each common lexeme of `column` ("title_vector" or
    "body_vector"), as `pg_stats` has it; empty before the first ANALYZE."""
    global _frequencies
    now = time.monotonic()
    if _frequencies is None or now - _frequencies[0] > FREQUENCIES_KEPT:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname, most_common_elems::text::text[], "
                "most_common_elem_freqs FROM pg_stats "
                "WHERE schemaname = current_schema() "
                "AND tablename IN ('search_searchentry', 'search_body') "
                "AND attname IN ('title_vector', 'body_vector')"
            )
            # The frequencies run three longer than the lexemes (min, max, nulls).
            found = {
                name: dict(zip(lexemes or (), shares or (), strict=False))
                for name, lexemes, shares in cursor.fetchall()
            }
        _frequencies = (now, found)
    return _frequencies[1].get(column, {})


def forget_lexeme_frequencies() -> None:
    """Read the statistics again at the next search (tests, after ANALYZE)."""
    global _frequencies
    _frequencies = None


class PostgresBackend(Backend):
    def write(self, rows: list[IndexRow]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE search_searchentry SET title_vector = %s::tsvector WHERE key = %s",
                [(tsvector_literal(row.title + row.facets), row.key) for row in rows],
            )
            cursor.executemany(
                "INSERT INTO search_body (key, post_id, body_vector) "
                "VALUES (%s, %s, %s::tsvector)",
                [
                    (
                        row.key,
                        row.post_id,
                        tsvector_literal(row.title + row.body + row.facets),
                    )
                    for row in rows
                ],
            )

    def prepare(self, row: IndexRow) -> IndexRow:
        if row.prepared is not None:
            return row
        return IndexRow(
            key=row.key,
            post_id=row.post_id,
            title=[],
            body=[],
            prepared=(
                tsvector_literal(row.title + row.facets),
                tsvector_literal(row.title + row.body + row.facets),
            ),
        )

    def insert(self, rows: list[IndexRow]) -> None:
        # COPY takes a tsvector's text form as it is; one pass per table.
        prepared = [self.prepare(row) for row in rows]
        with connection.cursor() as cursor, connection.wrap_database_errors:
            with cursor.copy(
                "COPY search_searchentry (post_id, key, title_vector) FROM STDIN"
            ) as copy:
                for row in prepared:
                    copy.write_row((row.post_id, row.key, row.prepared[0]))
            with cursor.copy(
                "COPY search_body (key, post_id, body_vector) FROM STDIN"
            ) as copy:
                for row in prepared:
                    copy.write_row((row.key, row.post_id, row.prepared[1]))

    def delete(self, keys: list[int]) -> None:
        # Title vectors are columns of the entry row, which goes with it.
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_body WHERE key = ANY(%s)", [keys])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_body")

    def after_rebuild(self) -> None:
        # Fresh statistics for the planner, and all-visible pages for index-only scans.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchentry")
            cursor.execute("VACUUM ANALYZE search_body")

    def id_list(self, ids: list[int]) -> RawSQL:
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])

    def candidates(
        self,
        query: ParsedQuery,
        tier: Tier,
        below: int | None,
        limit: int,
        facets: tuple[str, ...] = (),
    ) -> list[tuple[int, int]]:
        column = "title_vector" if tier is Tier.TITLE else "body_vector"
        frequencies = lexeme_frequencies(column)
        # See COMMON_FACET: GIN decoded such a facet's whole posting tree.
        facets = tuple(f for f in facets if frequencies.get(f, 0.0) < COMMON_FACET)
        params: list = [match_literal(query.include, facets, frequencies)]
        if tier is Tier.TITLE:
            table, where = "search_searchentry", ["title_vector @@ %s::tsquery"]
            if query.exclude:
                where.append(
                    "NOT EXISTS (SELECT 1 FROM search_body b WHERE b.key = "
                    "search_searchentry.key AND b.body_vector @@ %s::tsquery)"
                )
        else:
            table, where = "search_body", ["body_vector @@ %s::tsquery"]
            if query.exclude:
                where.append("NOT body_vector @@ %s::tsquery")
        if query.exclude:
            params.append(tsquery_literal(query.exclude, " | "))
        if below is not None:
            where.append("key < %s")
            params.append(below)
        params.append(limit)
        sql = (
            f"SELECT key, post_id FROM {table} WHERE "  # noqa: S608
            + " AND ".join(where)
            + " ORDER BY key DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
