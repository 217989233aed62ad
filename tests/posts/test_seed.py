"""Generated demo content covers every kind and state a site has."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from bulletin.posts import seeding
from bulletin.posts.models import STREAM_KINDS, Attachment, Kind, Post, Status
from bulletin.posts.progress import ProgressLine

pytestmark = pytest.mark.django_db


def test_seed_makes_every_kind_and_state_reproducibly(now):
    call_command("seed", posts=400, seed=7, stdout=io.StringIO())
    posts = Post.objects.all()
    assert posts.count() == 400
    assert set(posts.values_list("kind", flat=True)) == {k for k, _ in STREAM_KINDS}
    assert posts.filter(status=Status.DRAFT).exists()
    assert posts.filter(kind=Kind.EVENT, event_start__isnull=False).exists()
    assert posts.filter(kind=Kind.NOTICE, expires_at__lt=now).exists()
    assert Attachment.objects.exists()
    years = {p.published_at.year for p in posts.exclude(published_at=None)}
    assert len(years) >= 10
    titles = list(posts.order_by("id").values_list("title", flat=True)[:20])

    Post.objects.all().delete()
    call_command("seed", posts=20, seed=7, stdout=io.StringIO())
    assert list(Post.objects.order_by("id").values_list("title", flat=True)) == titles


def test_seed_refuses_a_negative_count():
    with pytest.raises(CommandError):
        call_command("seed", posts=-1)


@pytest.mark.django_db(transaction=True)
def test_workers_write_the_same_posts_with_their_index(now):
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL")
    from bulletin.search.indexing import reindex
    from tests.search.test_seeded_content import index_contents

    reindex()  # words left by earlier tests: a flush empties only Django's tables
    seeding.seed(30, random_seed=4, batch=4)
    alone = set(Post.objects.values_list("slug", "title", "published_at"))
    Post.objects.all().delete()
    seeding.seed(30, random_seed=4, batch=4, workers=3)
    together = set(Post.objects.values_list("slug", "title", "published_at"))
    assert together == alone
    seeded = index_contents()
    assert len(seeded[0]) == 30
    reindex()
    assert index_contents() == seeded


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_a_progress_line_and_a_pipe_does_not():
    shown, piped = Terminal(), io.StringIO()
    for stream in (shown, piped):
        line = ProgressLine("Seeding posts", total=10, stream=stream)
        line(10)
        line.done()
    assert "Seeding posts: 10 of 10" in shown.getvalue()
    assert piped.getvalue() == ""


def test_seeded_scheduled_and_expiring_posts_owe_their_moments(now):
    from bulletin.scheduling.models import Moment, ScheduledMoment, State

    call_command("seed", posts=600, seed=7, stdout=io.StringIO())
    published = Post.objects.filter(status=Status.PUBLISHED)
    scheduled = set(published.filter(published_at__gt=now).values_list("pk", flat=True))
    expiring = set(published.filter(expires_at__gt=now).values_list("pk", flat=True))
    assert scheduled and expiring
    pending = ScheduledMoment.objects.filter(state=State.PENDING)
    owed = set(pending.values_list("post_id", "moment"))
    assert {(pk, Moment.PUBLISH) for pk in scheduled} <= owed
    assert {(pk, Moment.EXPIRE) for pk in expiring} <= owed
