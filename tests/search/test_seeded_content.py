"""Seeded posts are searchable at once: seeding indexes each batch as it writes it."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from bulletin.posts.models import Attachment, Post
from bulletin.search.indexing import reindex
from bulletin.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def test_seeded_posts_are_found_by_search(client, now):
    call_command("seed", posts=40, seed=3, stdout=io.StringIO())
    post = Post.objects.public().order_by("-published_at").first()
    word = post.title.split()[-1]
    response = client.get(reverse("search:search"), {"q": word})
    assert response.status_code == 200
    assert f"/posts/{post.slug}/".encode() in response.content  # titles carry <mark>s


def index_contents() -> tuple[list, list]:
    """Every entry and every stored word of the index, in key order."""
    entries = list(SearchEntry.objects.order_by("key").values_list("post_id", "key"))
    if connection.vendor == "postgresql":
        queries = [
            "SELECT key, title_vector::text FROM search_searchentry ORDER BY key",
            "SELECT key, post_id, body_vector::text FROM search_body ORDER BY key",
        ]
    else:
        queries = [
            "SELECT rowid, title, body, facets FROM search_fts ORDER BY rowid",
            "SELECT rowid, title, facets FROM search_fts_title ORDER BY rowid",
        ]
    words = []
    with connection.cursor() as cursor:
        for sql in queries:
            cursor.execute(sql)
            words.append(cursor.fetchall())
    return entries, words


def test_a_seed_indexes_its_posts_exactly_as_a_full_rebuild_does(now):
    call_command("seed", posts=300, seed=5, stdout=io.StringIO())
    seeded = index_contents()
    assert len(seeded[0]) == 300
    assert Attachment.objects.filter(content_type="application/pdf").exists()
    reindex()
    assert index_contents() == seeded


def test_seeded_posts_are_found_by_their_topic_and_their_pdf(client, now):
    call_command("seed", posts=300, seed=5, stdout=io.StringIO())
    pdf = Attachment.objects.filter(
        content_type="application/pdf", post__in=Post.objects.public()
    ).first()
    topic = pdf.post.topics.first()
    word = pdf.post.summary.split()[-1].strip(".")
    response = client.get(reverse("search:search"), {"q": word, "topic": topic.slug})
    assert f"/posts/{pdf.post.slug}/".encode() in response.content


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_by_worker_processes_gives_the_index_one_process_gives(now):
    if connection.vendor != "postgresql":
        pytest.skip("worker processes need PostgreSQL")
    reindex()  # words left by earlier tests: a flush empties only Django's tables
    call_command("seed", posts=60, seed=5, workers=1, stdout=io.StringIO())
    reindex(batch=7)
    alone = index_contents()
    assert len(alone[0]) == 60
    assert reindex(batch=7, workers=3) == 60
    assert index_contents() == alone
