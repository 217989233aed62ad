"""Generated demo content covers every kind and state a site has."""

import io

import pytest
from django.core.management import CommandError, call_command

from bulletin.posts.models import STREAM_KINDS, Attachment, Kind, Post, Status

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
