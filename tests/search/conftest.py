from __future__ import annotations

import pytest

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
