"""Seeded posts are searchable at once: seeding rebuilds the index after its bulk writes."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from bulletin.posts.models import Post

pytestmark = pytest.mark.django_db


def test_seeded_posts_are_found_by_search(client, now):
    call_command("seed", posts=40, seed=3, stdout=io.StringIO())
    post = Post.objects.public().order_by("-published_at").first()
    word = post.title.split()[-1]
    response = client.get(reverse("search:search"), {"q": word})
    assert response.status_code == 200
    assert f"/posts/{post.slug}/".encode() in response.content  # titles carry <mark>s


def test_a_large_seed_leaves_the_rebuild_to_the_job_runner(client, now, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    from bulletin.search import signals

    monkeypatch.setattr(signals, "REBUILD_INLINE_UP_TO", 10)
    call_command("seed", posts=20, seed=3, stdout=io.StringIO())
    queued = DBTaskResult.objects.filter(
        task_path="bulletin.search.tasks.rebuild_index"
    )
    assert queued.count() == 1
