"""Reading what a reader typed, and writing it as backend syntax with every token quoted."""

from __future__ import annotations

import re

import pytest

from bulletin.search.backends.postgres import (
    match_literal,
    tsquery_literal,
    tsvector_literal,
)
from bulletin.search.backends.sqlite import match_expression
from bulletin.search.query import MAX_TERMS, Term, parse


def test_words_phrases_and_exclusions_are_told_apart():
    query = parse('water "public consultation" -draft -"old plan"')
    assert query.include == (Term(("water",)), Term(("public", "consultation")))
    assert query.exclude == (Term(("draft",)), Term(("old", "plan")))


def test_operators_of_query_languages_are_plain_words():
    query = parse("water OR NEAR(fire) AND NOT x*")
    assert [term.tokens for term in query.include] == [
        ("water",),
        ("or",),
        ("near", "fire"),
        ("and",),
        ("not",),
        ("x",),
    ]


def test_an_unclosed_quote_runs_to_the_end():
    assert parse('"public consultation').include == (Term(("public", "consultation")),)


def test_exclusions_alone_search_nothing():
    assert not parse("-water")


def test_lone_surrogates_and_control_characters_are_dropped():
    query = parse("wa\ud800ter\x00 plan")
    assert query.text.isprintable()
    assert "\ud800" not in query.text


def test_a_very_long_query_is_cut_not_refused():
    query = parse("word " * 5000)
    assert len(query.include) == 1
    query = parse(" ".join(f"w{n}" for n in range(5000)))
    assert len(query.include) == MAX_TERMS


@pytest.mark.parametrize(
    "raw",
    [
        '" OR 1=1 --',
        "'; DROP TABLE posts_post; --",
        "a) OR (b",
        "{title}: x",
        "^x NEAR",
    ],
)
def test_fts5_expressions_quote_every_token(raw):
    query = parse(raw + " word -other")
    for expression in (
        match_expression(query.include),
        match_expression(query.include, query.exclude),
    ):
        syntax = re.sub(
            r'"(?:[^"]|"")*"|\{title\}|\b(?:AND|NOT|OR)\b|[()+*:\s]', "", expression
        )
        assert syntax == ""


def test_tsquery_literals_quote_lexemes():
    terms = parse("it's a \\ test").include
    assert tsquery_literal(terms) == "('it' <-> 's') & ('a') & ('test')"
    assert tsvector_literal(["o'k", "o'k"]) == "'o''k':1,2"


def test_tsquery_literals_ask_for_facets_before_words():
    """Without the planner's figures, facets (held by many posts) come first."""
    terms = parse('harbour "ferry times"').include
    assert match_literal(terms, ("~l~en", "~y~2026")) == (
        "'~l~en' & '~y~2026' & ('harbour') & ('ferry' <-> 'times')"
    )
    assert match_literal(terms) == tsquery_literal(terms)


def test_tsquery_literals_ask_for_the_rarest_lexeme_last():
    """PostgreSQL's GIN scan decodes the common entries in full when a rare or
    absent one comes before them (40 ms to find nothing at 1,000,000 posts)."""
    terms = parse('city hall "ferry times" harbour').include
    frequencies = {"~l~en": 1.0, "~y~2026": 0.2, "hall": 0.27, "ferry": 0.5}
    frequencies |= {"times": 0.01, "harbour": 0.05}
    assert match_literal(terms, ("~l~en", "~y~2026", "~t~3"), frequencies) == (
        "'~l~en' & ('hall') & '~y~2026' & ('harbour') & ('ferry' <-> 'times')"
        " & '~t~3' & ('city')"
    )
