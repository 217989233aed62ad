"""Two saves of the same post at the same moment: the row lock makes the second wait,
then see the first's save as a conflict instead of overwriting it."""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models.signals import post_save

from bulletin.editorial import revisions, services
from bulletin.posts.models import Post, Status

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
def test_a_second_simultaneous_save_waits_and_then_conflicts(make_post):
    # Superusers: a transactional test's flush empties the role groups.
    first_user = get_user_model().objects.create_superuser(
        "first", "f@example.org", "x"
    )
    second_user = get_user_model().objects.create_superuser(
        "second", "s@example.org", "x"
    )
    post = make_post(status=Status.DRAFT, published_at=None, title="Start")
    base = services.ensure_baseline(post)
    version = post.version
    inside, release = threading.Event(), threading.Event()
    results: dict[str, str] = {}

    def slow(sender, instance, **kwargs):
        if threading.current_thread().name == "first":
            inside.set()
            release.wait(10)

    def work(name: str, user, title: str) -> None:
        data = {**revisions.snapshot(post), "title": title}
        try:
            services.save_post(
                post, user, data, version=version, base_revision=base.number
            )
            results[name] = "saved"
        except services.EditConflict:
            results[name] = "conflict"
        finally:
            connection.close()

    post_save.connect(slow, sender=Post)
    first = threading.Thread(
        target=work, args=("first", first_user, "First"), name="first"
    )
    second = threading.Thread(
        target=work, args=("second", second_user, "Second"), name="second"
    )
    try:
        first.start()
        assert inside.wait(10)
        second.start()
        second.join(0.5)
        assert second.is_alive(), "the second save must wait on the row lock"
        release.set()
        first.join(10)
        second.join(10)
    finally:
        release.set()
        post_save.disconnect(slow, sender=Post)
    assert results == {"first": "saved", "second": "conflict"}
    post.refresh_from_db()
    assert (post.title, post.version) == ("First", version + 1)
