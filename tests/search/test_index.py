"""The index follows every change of a post, in the same transaction as the change."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction

from bulletin.posts.models import Kind, Post, Status
from bulletin.search.models import SearchEntry
from tests.conftest import NOW

pytestmark = pytest.mark.usefixtures("now")


def test_a_draft_is_found_by_staff_and_never_by_the_public(
    make_post, public_search, staff_search
):
    draft = make_post(title="Secret budget", status=Status.DRAFT, published_at=None)
    review = make_post(
        title="Secret budget review", status=Status.IN_REVIEW, published_at=None
    )
    assert public_search("secret") == []
    assert set(staff_search("secret")) == {draft.pk, review.pk}


def test_publishing_makes_a_post_findable(make_post, public_search):
    post = make_post(
        title="Lighthouse restored", status=Status.DRAFT, published_at=None
    )
    post.status = Status.PUBLISHED
    post.save()
    assert public_search("lighthouse") == [post.pk]


def test_a_scheduled_post_is_found_from_its_publication_time(
    make_post, public_search, time_machine
):
    post = make_post(title="Lighthouse opening", published_at=NOW + timedelta(hours=2))
    assert public_search("lighthouse") == []
    time_machine.move_to(NOW + timedelta(hours=3), tick=False)
    assert public_search("lighthouse") == [post.pk]


def test_editing_replaces_the_old_words(make_post, public_search):
    post = make_post(title="Lighthouse restored")
    post.title = "Windmill restored"
    post.body = "<p>The mill turns again.</p>"
    post.save()
    assert public_search("lighthouse") == []
    assert public_search("windmill mill") == [post.pk]


def test_rescheduling_moves_a_post_in_rank_order(make_post, public_search):
    older = make_post(title="Lighthouse one", published_at=NOW - timedelta(days=5))
    newer = make_post(title="Lighthouse two", published_at=NOW - timedelta(days=1))
    assert public_search("lighthouse") == [newer.pk, older.pk]
    older.published_at = NOW - timedelta(minutes=5)
    older.save()
    assert public_search("lighthouse") == [older.pk, newer.pk]


def test_a_withdrawn_post_leaves_public_results_but_not_staff_ones(
    make_post, public_search, staff_search
):
    post = make_post(title="Lighthouse closed")
    post.status = Status.WITHDRAWN
    post.withdrawn_at = NOW
    post.save()
    assert public_search("lighthouse") == []
    assert staff_search("lighthouse") == [post.pk]


def test_an_expired_notice_stays_findable_like_in_the_archive(make_post, public_search):
    post = make_post(
        title="Lighthouse tours",
        kind=Kind.NOTICE,
        published_at=NOW - timedelta(days=30),
        expires_at=NOW - timedelta(days=1),
    )
    assert public_search("lighthouse") == [post.pk]


def test_deleting_a_post_removes_it_and_its_attachments(
    make_post, make_attachment, staff_search
):
    post = make_post(title="Lighthouse")
    make_attachment(post, title="Lighthouse plans")
    post.delete()
    assert staff_search("lighthouse") == []
    assert not SearchEntry.objects.exists()


def test_adding_and_removing_an_attachment_updates_the_post(
    make_post, make_attachment, public_search
):
    post = make_post(title="Council minutes")
    item = make_attachment(post, title="Lighthouse survey")
    assert public_search("lighthouse") == [post.pk]
    item.delete()
    assert public_search("lighthouse") == []


def test_a_rolled_back_save_leaves_the_index_as_it_was(make_post, public_search):
    post = make_post(title="Lighthouse")
    with pytest.raises(RuntimeError), transaction.atomic():
        post.title = "Windmill"
        post.save()
        raise RuntimeError("the editor's request failed")
    assert public_search("lighthouse") == [post.pk]
    assert public_search("windmill") == []


def test_reindex_rebuilds_everything_after_bulk_writes(make_post, public_search):
    kept = make_post(title="Lighthouse")
    Post.objects.bulk_create(
        [Post(kind=Kind.NEWS, title="Lighthouse bulk", slug="bulk", status=Status.PUBLISHED,
              published_at=NOW - timedelta(days=3))]
    )  # fmt: skip
    Post.objects.filter(pk=kept.pk).update(title="Windmill")
    assert public_search("lighthouse") == [kept.pk]  # bulk writes send no signals
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert "Indexed 2 posts" in out.getvalue()
    bulk = Post.objects.get(slug="bulk")
    assert public_search("lighthouse") == [bulk.pk]
    assert public_search("windmill") == [kept.pk]
    assert SearchEntry.objects.count() == 2


def test_posts_whose_keys_would_collide_both_get_an_entry(make_post, public_search):
    first = make_post(title="Lighthouse", pk=7)
    second = make_post(
        title="Lighthouse", pk=7 + (1 << 22), published_at=first.published_at
    )
    assert set(public_search("lighthouse")) == {first.pk, second.pk}
    assert (
        SearchEntry.objects.get(post=first).key
        != SearchEntry.objects.get(post=second).key
    )


def test_posts_published_at_the_same_time_rank_higher_id_first(
    make_post, public_search
):
    older_id = make_post(title="Lighthouse", published_at=NOW - timedelta(days=1))
    newer_id = make_post(title="Lighthouse", published_at=older_id.published_at)
    assert public_search("lighthouse") == [newer_id.pk, older_id.pk]


def test_cached_public_results_follow_a_save(client, make_post):
    from django.urls import reverse

    url = reverse("search:search")
    assert "0 results" in client.get(url, {"q": "lighthouse"}).content.decode()
    make_post(title="Lighthouse")
    assert "1 result" in client.get(url, {"q": "lighthouse"}).content.decode()


def test_topic_changes_from_either_side_reach_the_topic_filter(
    make_post, make_topic, public_search
):
    water = make_topic("Water")
    post = make_post(title="Lighthouse")
    assert public_search("lighthouse", topic=water) == []
    post.topics.add(water)
    assert public_search("lighthouse", topic=water) == [post.pk]
    post.topics.remove(water)
    assert public_search("lighthouse", topic=water) == []
    water.posts.add(post)
    assert public_search("lighthouse", topic=water) == [post.pk]
    water.posts.clear()
    assert public_search("lighthouse", topic=water) == []


def test_language_codes_with_a_script_filter_correctly(make_post, public_search):
    post = make_post(title="水资源报告", language="zh-hans")
    make_post(title="水资源报告 copy", language="ko")
    assert public_search("水资源", language="zh-hans") == [post.pk]


def test_a_rebuild_lays_entries_out_in_rank_order(make_post, public_search):
    """Searches walk keys from the newest down: a rebuild writes the entries in that
    order, whatever the order of the post ids, so on tables without free space (a
    first build, or a seeded site) they lie in it and a walk reads each page once."""
    from django.db import connection

    from bulletin.search.indexing import reindex

    if connection.vendor == "postgresql":
        # PostgreSQL puts rows into space that earlier tests' rolled-back rows left
        # (once vacuumed) before it extends a table: start from fresh tables.
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE search_body, search_searchentry")
    posts = [
        make_post(title=f"Lighthouse {n}", published_at=NOW - timedelta(days=n))
        for n in range(12)
    ]  # the newest has the lowest id
    assert reindex(batch=5) == 12
    assert public_search("lighthouse") == [post.pk for post in posts]
    if connection.vendor != "postgresql":
        return  # SQLite's index tables are stored by key (their rowid) already
    for table in ("search_searchentry", "search_body"):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT key FROM {table} ORDER BY ctid")  # noqa: S608
            stored = [key for (key,) in cursor.fetchall()]
        assert stored == sorted(stored)
