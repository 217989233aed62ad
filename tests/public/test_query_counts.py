"""A page costs the same few queries whatever the size of the site.

Each page is asked twice: the first view brings the list's counts up to date after
the posts were added, the second is what every later uncached view costs. The test
client renders every time (the page cache sits outside Django, at the WSGI boundary).
"""

import re
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.posts.models import Kind, Post, Status
from bulletin.posts.state import bump_content_version

pytestmark = pytest.mark.django_db


def add_posts(now, topic, start: int, count: int) -> None:
    """Posts an hour apart, written in bulk as `bulletin seed` does."""
    posts = Post.objects.bulk_create(
        Post(
            title=f"Post {n}",
            slug=f"post-{n}",
            summary="A summary",
            status=Status.PUBLISHED,
            published_at=now - timedelta(hours=n),
            kind=[Kind.NEWS, Kind.NOTICE, Kind.EVENT][n % 3],
        )
        for n in range(start, start + count)
    )
    Link = Post.topics.through
    Link.objects.bulk_create(Link(post=post, topic=topic) for post in posts)
    with transaction.atomic():
        bump_content_version()


def page_addresses(topic) -> dict[str, str]:
    post = Post.objects.filter(kind=Kind.NEWS).order_by("-published_at")[5]
    return {
        "list page 1": reverse("public:list"),
        "a deep page": reverse("public:list") + "?page=3",
        "a filtered list": reverse(
            "public:list", kwargs={"kind": "news", "topic": topic.slug}
        )
        + "?page=2",
        "a post page": post.get_absolute_url(),
        "the archive": reverse("public:archive"),
        "the topics": reverse("public:topics"),
    }


def queries_of(client, addresses: dict[str, str]) -> dict[str, list[str]]:
    asked = {}
    for name, address in addresses.items():
        assert client.get(address).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        asked[name] = [
            q["sql"]
            for q in queries.captured_queries
            # The version the site's name and footer are read under: one row by key.
            if "posts_contentversion" not in q["sql"]
        ]
    return asked


def test_uncached_pages_ask_the_same_few_queries_at_200_and_at_2000_posts(
    client, now, make_topic
):
    topic = make_topic("Water")
    add_posts(now, topic, 0, 200)
    small = queries_of(client, page_addresses(topic))
    add_posts(now, topic, 200, 1800)
    large = queries_of(client, page_addresses(topic))
    assert {k: len(v) for k, v in large.items()} == {
        k: len(v) for k, v in small.items()
    }
    # The rows of one page; for a post, its neighbours, its page and its own parts.
    most = {
        "list page 1": 1,
        "a deep page": 1,
        "a filtered list": 1,
        "a post page": 8,
        "the archive": 0,
        "the topics": 0,
    }
    assert {k: len(v) for k, v in large.items()} == most
    for name, sql in large.items():
        # Whole days are skipped by their counts: at most a few rows of one day are.
        skipped = [int(n) for q in sql for n in re.findall(r"OFFSET (\d+)", q)]
        assert all(n < 24 for n in skipped), name
        if name != "a post page":  # which page holds it: a count of one day's posts
            assert not [q for q in sql if "COUNT(" in q.upper()], name


def test_a_page_seen_before_in_its_shape_compiles_no_sql(
    client, now, make_topic, monkeypatch
):
    """The list's rows, a post's neighbours, page, translations, topics, change notes
    and attachments, and the post itself are compiled to SQL once per shape
    (`bulletin.posts.prepared`): another page of the same shape runs them without
    building a queryset's SQL again."""
    from django.db.models.sql.compiler import SQLCompiler

    topic = make_topic("Water")
    add_posts(now, topic, 0, 300)
    queries_of(client, page_addresses(topic))  # every shape is learnt
    compiled = []
    compile_sql = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        # Not the content version, read again once it is half a second old.
        if self.query.model.__name__ != "ContentVersion":
            compiled.append(self.query.model.__name__)
        return compile_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    others = Post.objects.filter(kind=Kind.NEWS).order_by("-published_at")[10:13]
    addresses = {
        "another deep page": reverse("public:list") + "?page=5",
        **{f"post {post.pk}": post.get_absolute_url() for post in others},
    }
    by_page = {}
    for name, address in addresses.items():
        compiled.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        by_page[name] = (len(compiled), len(queries.captured_queries))
    assert by_page.pop("another deep page")[0] == 0
    for compiles, asked in by_page.values():
        assert compiles == 0 and asked >= 8
