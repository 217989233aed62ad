"""Back office: which translations a post has, which are missing or out of date."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bulletin.i18n.models import TranslationSource
from bulletin.i18n.translations import (
    State,
    TranslationError,
    mark_current,
    start_translation,
    translation_status,
)
from bulletin.posts.models import Post, Status

pytestmark = pytest.mark.django_db


def states(post) -> dict[str, str]:
    return {row.language: row.state for row in translation_status(post)}


def test_a_new_post_is_the_original_and_every_other_language_is_missing(make_post, now):
    post = make_post(language="en")
    assert states(post) == {
        "en": State.ORIGINAL,
        "fr": State.MISSING,
        "es": State.MISSING,
        "ar": State.MISSING,
        "zh-hans": State.MISSING,
        "ru": State.MISSING,
        "ko": State.MISSING,
    }


def test_starting_a_translation_makes_a_draft_in_the_group(
    make_post, make_topic, now, staff
):
    topic = make_topic("Water")
    original = make_post(language="en", kind="event", event_start=now, topics=[topic])
    draft = start_translation(original, "ar", staff)
    assert draft.language == "ar"
    assert draft.status == Status.DRAFT
    assert draft.published_at is None
    assert draft.translation_group == original.translation_group
    assert draft.body == original.body and draft.event_start == original.event_start
    assert list(draft.topics.all()) == [topic]
    assert draft.author == staff
    assert draft.translation_source.source == original
    assert states(original)["ar"] == State.CURRENT


def test_a_second_translation_into_the_same_language_is_refused(make_post, now):
    original = make_post(language="en")
    start_translation(original, "fr")
    with pytest.raises(TranslationError):
        start_translation(original, "fr")
    with pytest.raises(TranslationError):
        start_translation(original, "de")
    assert (
        Post.objects.filter(translation_group=original.translation_group).count() == 2
    )


def test_a_translation_goes_out_of_date_when_the_original_text_changes(
    make_post, now, time_machine
):
    original = make_post(language="en")
    draft = start_translation(original, "ko")
    time_machine.move_to(now + timedelta(days=1), tick=False)
    original.body = "<p>A corrected paragraph.</p>"
    original.updated_at = now + timedelta(days=1)
    original.save()
    rows = {row.language: row for row in translation_status(draft)}
    assert rows["ko"].state == State.OUTDATED
    assert rows["ko"].source == original
    assert rows["en"].state == State.ORIGINAL


def test_publishing_or_pinning_the_original_does_not_make_translations_stale(
    make_post, now
):
    original = make_post(
        language="en", status="draft", published_at=None, kind="notice"
    )
    start_translation(original, "ru")
    original.status = Status.PUBLISHED
    original.pinned_until = now + timedelta(days=3)
    original.save()
    assert states(original)["ru"] == State.CURRENT


def test_marking_up_to_date_records_the_original_as_it_is_now(make_post, now):
    original = make_post(language="en")
    draft = start_translation(original, "es")
    original.title = "A new title"
    original.save()
    assert states(original)["es"] == State.OUTDATED
    mark_current(draft)
    assert states(original)["es"] == State.CURRENT


def test_translations_made_elsewhere_are_shown_as_untracked(make_post, now):
    original = make_post(language="en")
    make_post(language="fr", translation_group=original.translation_group)
    assert states(original)["fr"] == State.UNTRACKED


def test_a_deleted_original_leaves_its_translation_untracked(make_post, now):
    original = make_post(language="en")
    draft = start_translation(original, "fr")
    original.delete()
    assert TranslationSource.objects.get(post=draft).source is None
    assert states(draft)["fr"] == State.UNTRACKED
