"""What the public may see is decided by Post.objects.public() and listed()."""

from datetime import timedelta

import pytest

from bulletin.posts.models import Kind, Post, Status

pytestmark = pytest.mark.django_db


def test_a_published_post_whose_time_has_come_is_public(now, make_post):
    post = make_post(published_at=now - timedelta(minutes=1))
    assert list(Post.objects.public()) == [post]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN])
def test_posts_that_are_not_published_are_never_public(now, make_post, status):
    make_post(status=status, published_at=now - timedelta(days=1))
    assert not Post.objects.public().exists()
    assert not Post.objects.listed().exists()


def test_a_scheduled_post_becomes_public_at_its_time(now, make_post, time_machine):
    post = make_post(published_at=now + timedelta(hours=2))
    assert not Post.objects.public().exists()
    time_machine.move_to(now + timedelta(hours=2), tick=False)
    assert list(Post.objects.public()) == [post]


def test_an_expired_notice_leaves_the_list_but_stays_public(now, make_post):
    notice = make_post(kind=Kind.NOTICE, expires_at=now - timedelta(minutes=1))
    assert list(Post.objects.public()) == [notice]
    assert not Post.objects.listed().exists()
    assert notice.is_expired()


def test_a_notice_expiring_later_is_listed_until_then(now, make_post, time_machine):
    notice = make_post(kind=Kind.NOTICE, expires_at=now + timedelta(days=1))
    assert list(Post.objects.listed()) == [notice]
    time_machine.move_to(now + timedelta(days=1), tick=False)
    assert not Post.objects.listed().exists()


def test_a_pin_holds_until_its_end(now, make_post, time_machine):
    notice = make_post(kind=Kind.NOTICE, pinned_until=now + timedelta(hours=3))
    make_post(kind=Kind.NEWS, pinned_until=now + timedelta(hours=3))  # only notices pin
    assert list(Post.objects.listed().pinned()) == [notice]
    time_machine.move_to(now + timedelta(hours=3), tick=False)
    assert not Post.objects.listed().pinned().exists()


def test_publishing_without_a_time_stamps_the_current_time(now, make_post):
    post = make_post(published_at=None)
    assert post.published_at == now


def test_the_body_is_sanitised_on_save(make_post):
    post = make_post(
        body='<p onclick="x()">Hi<script>alert(1)</script></p><h1>T</h1><a href="javascript:x">l</a>'
    )
    assert "script" not in post.body
    assert "onclick" not in post.body
    assert "<h1>" not in post.body
    assert "javascript:" not in post.body
    assert "<p>Hi</p>" in post.body


def test_slugs_are_unique_per_language_and_stable(make_post):
    first = make_post(title="Roundtable reviews the year")
    second = make_post(title="Roundtable reviews the year")
    assert first.slug == "roundtable-reviews-the-year"
    assert second.slug == "roundtable-reviews-the-year-2"
    first.title = "A new title"
    first.save()
    first.refresh_from_db()
    assert first.slug == "roundtable-reviews-the-year"


def test_titles_in_other_scripts_get_readable_slugs(make_post):
    post = make_post(title="연말 회의 결과 안내", language="ko")
    assert post.slug == "연말-회의-결과-안내"


def test_only_posts_withdrawn_after_being_public_keep_a_notice(now, make_post):
    seen = make_post(status=Status.WITHDRAWN, published_at=now - timedelta(days=2))
    make_post(
        status=Status.WITHDRAWN, published_at=now + timedelta(days=2)
    )  # never public
    assert seen.withdrawn_at == now  # save() stamps the withdrawal
    assert list(Post.objects.withdrawn_after_publication()) == [seen]
