"""Demo text reads like one organisation's news, and a translation is the same post."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bulletin.i18n.seeding import seed_translations
from bulletin.posts import demo
from bulletin.posts.models import Kind, Post
from bulletin.posts.seeding import TOPICS, seed

pytestmark = pytest.mark.django_db

WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize("language", demo.LANGUAGES)
def test_every_language_has_the_same_templates_as_english(language):
    english, text = demo.text_for("en"), demo.text_for(language)
    for kind in demo.KINDS:
        assert len(text[kind]) == len(english[kind])
        for template, original in zip(text[kind], english[kind], strict=True):
            assert len(template["body"]) == len(original["body"])
    assert set(text["subjects"]) == set(TOPICS) == set(text["departments"])
    for topic in TOPICS:
        assert len(text["subjects"][topic]) == len(english["subjects"][topic])
    assert len(text["roles"]) == len(english["roles"])
    assert len(text["months"]) == 12


@pytest.mark.parametrize("language", demo.LANGUAGES)
def test_every_story_can_be_written_in_every_language(language):
    english_titles = set()
    for story in range(200):
        for kind in demo.KINDS:
            written = demo.compose(
                language,
                kind,
                TOPICS[story % len(TOPICS)],
                story,
                WHEN,
                event_start=WHEN,
                event_end=WHEN + timedelta(hours=2),
                event_timezone="Asia/Seoul",
                event_location=demo.PLACES[1],
            )
            assert "{" not in written.title + written.summary + written.body
            english_titles.add(written.title)
    assert len(english_titles) > 40  # varied, not a handful of titles


def test_an_unknown_language_has_no_demo_text():
    with pytest.raises(ValueError, match="de"):
        demo.text_for("de")


def test_seeded_posts_are_about_their_first_topic(now):
    seed(120, random_seed=4)
    english = demo.text_for("en")
    links = Post.topics.through.objects.order_by("id").select_related("topic")
    first = {}
    for link in links:
        first.setdefault(link.post_id, link.topic.name)
    for post in Post.objects.all():
        department = english["departments"][first[post.pk]]
        # Every post names who it comes from, the department of its topic.
        assert department in post.body
        assert "  " not in post.title and post.title[0].isupper()


def test_a_translation_is_the_same_post_in_another_language(now):
    seed(150, random_seed=9)
    seed_translations(60, random_seed=9)
    originals = {
        post.translation_group: post for post in Post.objects.filter(language="en")
    }
    links = Post.topics.through.objects.order_by("id").select_related("topic")
    first = {}
    for link in links:
        first.setdefault(link.post_id, link.topic.name)
    checked_events = checked_subjects = 0
    for post in Post.objects.exclude(language="en"):
        original = originals[post.translation_group]
        assert post.kind == original.kind
        assert post.title != original.title
        if original.kind == Kind.EVENT:
            local = original.event_start.astimezone(ZoneInfo(original.event_timezone))
            assert f"{local:%H:%M}" in original.body
            assert f"{local:%H:%M}" in post.body
            checked_events += 1
        topic = first[original.pk]
        subjects = demo.text_for("en")["subjects"][topic]
        used = [i for i, subject in enumerate(subjects) if subject in original.body]
        if used:
            translated = demo.text_for(post.language)["subjects"][topic][used[0]]
            assert translated in post.body
            checked_subjects += 1
    assert checked_events and checked_subjects


def test_nothing_seeded_is_dated_after_now(now):
    seed(400, random_seed=2)
    seed_translations(80, random_seed=2)
    later = Post.objects.filter(updated_at__gt=now) | Post.objects.filter(
        created_at__gt=now
    )
    assert not later.exists()
    assert not Post.objects.filter(withdrawn_at__gt=now).exists()
    # The seed still schedules a few posts: their publication time is the only future.
    assert Post.objects.filter(published_at__gt=now).exists()


def test_event_times_are_office_hours_where_the_event_is(now):
    seed(200, random_seed=6)
    for post in Post.objects.filter(kind=Kind.EVENT):
        local = post.event_start.astimezone(ZoneInfo(post.event_timezone))
        assert 9 <= local.hour <= 18, post.event_timezone
        assert re.match(r"^\d\d:\d\d$", f"{local:%H:%M}")
