from __future__ import annotations

import pytest
from django.utils import translation

from bulletin.posts.models import Post
from bulletin.search.query import parse
from bulletin.search.searching import Filters, find


@pytest.fixture
def public_search(db):
    """Ids of public posts matching a query, best first, as the public search finds them."""

    def run(text: str, **filters) -> list[int]:
        return find(parse(text), Filters(**filters).apply(Post.objects.public())).ids

    return run


@pytest.fixture
def staff_search(db):
    def run(text: str, **filters) -> list[int]:
        return find(parse(text), Filters(**filters).apply(Post.objects.all())).ids

    return run


@pytest.fixture(autouse=True)
def _english():
    """Start every test in English: a request to /fr/… leaves French active in the thread."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_lexeme_frequencies():
    """The search reads the planner's statistics (PostgreSQL) or the facets' shares
    (SQLite) once per process for a while; each test reads them afresh, so its query
    count does not depend on order."""
    from bulletin.search.backends import postgres, sqlite

    postgres.forget_lexeme_frequencies()
    sqlite.forget_facet_shares()
    yield
    postgres.forget_lexeme_frequencies()
    sqlite.forget_facet_shares()
