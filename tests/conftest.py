"""Shared fixtures: a controlled clock and factories for posts, topics and attachments."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache, caches
from django.core.files.base import ContentFile
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from django.utils import translation

from bulletin.posts import prepared, siteaddress, state
from bulletin.posts.models import Attachment, Kind, Post, Status, Topic
from bulletin.posts.pageindex import forget_page_indexes
from bulletin.posts.state import forget_transitions
from bulletin.public.pagecache import PageCacheApp, forget_pages
from bulletin.server.logs import offered_request_id
from tests.wsgi import keeping_the_test_connection

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches: rolled-back data must not linger in them."""
    cache.clear()
    # The frame's fragments are kept under the content version, which tests reuse.
    caches["template_fragments"].clear()
    forget_transitions()
    forget_page_indexes()
    forget_pages()
    siteaddress.forget()
    prepared.forget()  # each test learns its query shapes again, in any order
    yield
    translation.deactivate()  # a request to /fr/ must not leave French on for the next test
    cache.clear()
    forget_transitions()
    forget_page_indexes()
    forget_pages()


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch):
    """The job runner (django-tasks-db's db_worker) drops any connection that is not
    in autocommit, as a real runner's never is; a test's own transaction is one. As
    Django's test client stops request signals from closing connections, this stops
    the worker from closing the test's (PostgreSQL would lose the test data)."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections",
        lambda: None,
    )


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


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    rendered: bool  # whether Django ran for it


@pytest.fixture
def version_trusted(monkeypatch) -> None:
    """A process trusts the version it read for a minute, not half a second: a test
    that counts the queries of two requests must not depend on the machine's speed."""
    monkeypatch.setattr(state, "FRESH_FOR", 60.0)


@pytest.fixture
def wsgi(db):
    """`wsgi(path, method="GET", **headers)` through the site's WSGI entry point.

    Django's test client calls the handler behind the WSGI boundary and never meets
    the page cache (`PageCacheApp`); this calls the application as a server would.
    """
    django_app = WSGIHandler()
    runs = []
    # Something another request commits while this one is rendering (set by a test).
    during_render: list = []

    def counted(environ, start_response):
        runs.append(environ["PATH_INFO"])
        result = django_app(environ, start_response)
        while during_render:
            during_render.pop()()
        return result

    app = PageCacheApp(counted, request_id=offered_request_id)

    def request(path: str, method: str = "GET", **headers: str) -> Answer:
        environ = RequestFactory().generic(method, path, headers=headers).environ
        seen: dict = {}

        def start_response(status, response_headers, exc_info=None):
            # As a real server does: headers are sent once, unless an error replaces
            # them before any byte went out (PEP 3333).
            assert exc_info is not None or not seen, "start_response called twice"
            seen.update(status=int(status.split()[0]), headers=dict(response_headers))

        before = len(runs)
        with keeping_the_test_connection():
            result = app(environ, start_response)
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
        return Answer(seen["status"], seen["headers"], body, len(runs) > before)

    request.during_render = during_render
    return request
