"""A bulk load raises the content version once and marks only the days it touched."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction

from bulletin.posts.interchange import load
from bulletin.posts.listing import PostList, page_keys
from bulletin.posts.models import ChangedDay, ContentVersion
from bulletin.posts.state import day_of, one_bump
from tests.posts.test_interchange import line

pytestmark = pytest.mark.django_db


def version() -> int:
    return ContentVersion.objects.get(pk=1).value


def test_loading_many_posts_raises_the_version_once(now, make_post):
    make_post()
    page_keys(PostList(language="en"))
    before = version()
    times = [now - timedelta(days=n % 3, hours=1) for n in range(12)]
    load(
        [
            line(id=f"ext-{n}", title=f"Loaded {n}", published_at=at.isoformat())
            for n, at in enumerate(times)
        ]
    )
    assert version() == before + 1
    marked = set(
        ChangedDay.objects.filter(version=version()).values_list("day", flat=True)
    )
    assert marked == {day_of(at) for at in times}
    assert page_keys(PostList(language="en")).count == 13


def test_a_failed_bulk_write_raises_nothing(now, make_post):
    before = version()
    with pytest.raises(RuntimeError), one_bump():
        make_post()
        raise RuntimeError("half-way")
    assert version() == before


@pytest.mark.django_db(transaction=True)
def test_rows_committed_before_an_error_still_raise_the_version(make_post):
    """Outside a transaction (each row committed on its own, as the bulk actions
    do), an error half-way must not leave cached pages showing the rows done."""

    def current() -> int:
        row = ContentVersion.objects.filter(pk=1).first()
        return row.value if row else 0

    make_post()
    before = current()
    with pytest.raises(RuntimeError), one_bump():
        with transaction.atomic():
            make_post(title="Committed")
        raise RuntimeError("the next row fails")
    assert current() == before + 1
