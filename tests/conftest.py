"""Shared fixtures: a controlled clock and factories for posts, topics and attachments."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import translation

from bulletin.posts.models import Attachment, Kind, Post, Status, Topic
from bulletin.posts.pageindex import forget_page_indexes
from bulletin.posts.state import forget_transitions
from bulletin.public.pagecache import forget_pages

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches: rolled-back data must not linger in them."""
    cache.clear()
    forget_transitions()
    forget_page_indexes()
    forget_pages()
    yield
    translation.deactivate()  # a request to /fr/ must not leave French on for the next test
    cache.clear()
    forget_transitions()
    forget_page_indexes()
    forget_pages()


@pytest.fixture
def now(time_machine) -> datetime:
    """Freeze the clock at NOW; move it with `time_machine.move_to(...)`."""
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def make_topic(db):
    def make(name: str | None = None, **fields) -> Topic:
        name = name or f"Topic {next(_counter)}"
        return Topic.objects.create(name=name, **fields)

    return make


@pytest.fixture
def make_post(db):
    """Create a post; by default a news item published an hour before NOW."""

    def make(*, topics: list[Topic] = (), **fields) -> Post:
        n = next(_counter)
        values = {
            "kind": Kind.NEWS,
            "title": f"Post number {n}",
            "summary": f"Summary of post {n}",
            "body": f"<p>Body of post {n}</p>",
            "status": Status.PUBLISHED,
            "published_at": NOW - timedelta(hours=1),
        }
        values.update(fields)
        post = Post.objects.create(**values)
        if topics:
            post.topics.set(topics)
        return post

    return make


@pytest.fixture
def make_attachment(db):
    def make(post: Post, *, data: bytes = b"%PDF-1.4\n%%EOF\n", **fields) -> Attachment:
        values = {
            "title": "Report",
            "filename": "report.pdf",
            "content_type": "application/pdf",
        }
        values.update(fields)
        item = Attachment(post=post, size=len(data), **values)
        item.file.save(values["filename"], ContentFile(data), save=False)
        item.save()
        return item

    return make
