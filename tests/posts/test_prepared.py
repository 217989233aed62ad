"""Prepared query shapes give what the queryset gives, and are built once."""

import uuid
from datetime import timedelta

import pytest
from django.db.models import Q

from bulletin.posts import prepared
from bulletin.posts.models import Kind, Post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_shapes():
    prepared.forget()
    yield
    prepared.forget()


class Counted:
    """A build that counts how often it is asked to build."""

    def __init__(self, build):
        self.build, self.calls = build, 0

    def __call__(self, *values):
        self.calls += 1
        return self.build(*values)


def recent(at, language):
    return (
        Post.objects.filter(published_at__lte=at, language=language)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=at))
        .exclude(kind=Kind.PAGE)
        .order_by("-published_at", "-id")[:3]
    )


def test_a_shape_gives_the_querysets_rows_for_every_value_it_is_run_with(
    now, make_post
):
    posts = [make_post(published_at=now - timedelta(hours=n)) for n in range(8)]
    make_post(published_at=now - timedelta(hours=2), language="fr")
    make_post(
        published_at=now - timedelta(hours=3), expires_at=now - timedelta(hours=5)
    )
    for hours in (0, 2, 5, 7):
        at = now - timedelta(hours=hours, minutes=1)
        got = prepared.rows("recent", recent, at, "en")
        assert [p.pk for p in got] == [p.pk for p in recent(at, "en")]
        assert {p.pk for p in got} <= {p.pk for p in posts}
    assert prepared.rows("recent", recent, now, "fr")[0].language == "fr"


def test_rows_come_back_as_the_queryset_would_give_them(now, make_post):
    post = make_post(published_at=now - timedelta(minutes=7), title="Water works")

    def build(slug, at):
        return Post.objects.filter(slug=slug, published_at__lte=at).only(
            "title", "slug"
        )

    (row,) = prepared.rows("by slug", build, post.slug, now)
    assert row.published_at == post.published_at  # deferred, read when asked for
    assert row.title == "Water works" and row.pk == post.pk
    (again,) = prepared.rows("by slug", build, post.slug, now)
    assert again.published_at.tzinfo is not None  # converted as Django converts


def test_a_shape_is_built_three_times_when_learnt_and_never_after(now, make_post):
    make_post()
    build = Counted(recent)
    for minutes in range(5):
        prepared.rows("recent", build, now - timedelta(minutes=minutes), "en")
    assert build.calls == 3  # the caller's values and two sets of stand-ins


def test_uuids_and_ids_are_values_of_a_shape(now, make_post):
    group = uuid.uuid4()
    first = make_post(translation_group=group)
    second = make_post(translation_group=group, language="fr")
    make_post()

    def others(group, pk):
        return Post.objects.filter(translation_group=group).exclude(pk=pk)

    assert [p.pk for p in prepared.rows("group", others, group, first.pk)] == [
        second.pk
    ]
    assert [p.pk for p in prepared.rows("group", others, group, second.pk)] == [
        first.pk
    ]
    assert prepared.rows("group", others, uuid.uuid4(), first.pk) == []


def test_a_count_is_the_querysets_count(now, make_post):
    for n in range(6):
        make_post(published_at=now - timedelta(hours=n))

    def since(at):
        return Post.objects.filter(published_at__gte=at).order_by("-published_at")

    for hours in (0.5, 2.5, 10):
        at = now - timedelta(hours=hours)
        assert prepared.count("since", since, at) == since(at).count()


def test_a_value_written_into_the_sql_runs_unprepared_and_still_right(now, make_post):
    for _ in range(5):
        make_post()
    build = Counted(lambda n: Post.objects.order_by("pk")[:n])  # LIMIT n is SQL text
    assert len(prepared.rows("first n", build, 2)) == 2
    assert len(prepared.rows("first n", build, 4)) == 4
    assert prepared.learnt("first n", 2) is False
    assert build.calls == 5  # three to learn, then the queryset itself each time


def test_a_value_the_compiler_turns_into_other_parameters_is_not_prepared(make_post):
    make_post(title="Alpha")
    build = Counted(lambda word: Post.objects.filter(title__icontains=word))
    assert [p.title for p in prepared.rows("title has", build, "lph")] == ["Alpha"]
    assert prepared.rows("title has", build, "zzz") == []
    # LIKE wraps the value in %…%: no adapter gives that, so the shape stays unlearnt
    # rather than guessed.
    assert prepared.learnt("title has", "lph") is False


def test_every_window_of_a_list_is_one_shape(now, make_post):
    for n in range(12):
        make_post(published_at=now - timedelta(hours=n))
    build = Counted(
        lambda at: Post.objects.filter(published_at__lte=at).order_by(
            "-published_at", "-id"
        )
    )
    for start in range(0, 12, 5):
        window = slice(start, start + 5)
        got = prepared.rows("newest", build, now, window=window)
        assert [p.pk for p in got] == [p.pk for p in build.build(now)[window]]
    assert build.calls == 3


def test_an_empty_in_list_is_answered_without_sql_as_django_does(make_post):
    make_post()
    build = Counted(lambda *ids: Post.objects.filter(pk__in=ids))
    assert prepared.rows("by ids", build) == []
    assert prepared.learnt("by ids") is False


def test_a_build_that_chooses_by_value_is_caught_by_the_third_compile(now, make_post):
    """Both the caller's value and the first stand-in lie before the cutoff; the
    stand-in from the far future does not, and gives another parameter."""
    early, late = now - timedelta(days=2), now + timedelta(days=2)
    make_post(published_at=early)
    make_post(published_at=now + timedelta(days=1))

    def capped(at):
        return Post.objects.filter(published_at__lte=min(at, now)).order_by("pk")

    assert len(prepared.rows("capped", capped, early + timedelta(hours=1))) == 1
    assert prepared.learnt("capped", early) is False
    assert len(prepared.rows("capped", capped, late)) == 1  # the ORM's answer


def test_a_window_needs_both_ends(make_post):
    with pytest.raises(ValueError):
        prepared.rows(
            "open", lambda: Post.objects.order_by("pk"), window=slice(3, None)
        )
