"""`seed_translations`: generated translations for demo sites."""

from __future__ import annotations

import pytest

from bulletin.i18n.seeding import seed_translations
from bulletin.i18n.translations import State, translation_status, translations_of
from bulletin.posts.models import Post
from bulletin.posts.seeding import seed
from bulletin.search.indexing import reindex
from tests.search.test_seeded_content import index_contents

pytestmark = pytest.mark.django_db


def test_translations_join_their_originals_groups(now):
    seed(40, random_seed=3)
    written = seed_translations(10, random_seed=3)
    # The six other languages, less the few left untranslated on purpose.
    assert 45 <= written <= 60
    for language in ("fr", "es", "ar", "zh-hans", "ru", "ko"):
        translations = Post.objects.filter(language=language)
        assert 6 <= translations.count() <= 10
        for post in translations:
            original = Post.objects.get(
                translation_group=post.translation_group, language="en"
            )
            assert post.kind == original.kind
            assert post.event_start == original.event_start
            assert post.slug and post.title != original.title


def test_the_seeded_site_shows_every_translation_state(now):
    seed(60, random_seed=5)
    seed_translations(30, random_seed=5)
    states = {
        row.state
        for post in Post.objects.filter(language="en")[:30]
        for row in translation_status(post)
    }
    assert {State.ORIGINAL, State.CURRENT, State.OUTDATED, State.MISSING} <= states


def test_seeding_twice_adds_nothing_and_public_pages_link_the_translations(client, now):
    seed(20, random_seed=7)
    seed_translations(5, random_seed=7, languages=["ko"])
    assert seed_translations(5, random_seed=7, languages=["ko"]) == 0
    korean = Post.objects.public().filter(language="ko").first()
    original = Post.objects.get(
        translation_group=korean.translation_group, language="en"
    )
    assert korean in translations_of(original)
    assert client.get(f"/ko/posts/{korean.slug}/").status_code == 200


def test_a_language_without_generated_text_is_refused(db):
    with pytest.raises(ValueError, match="de"):
        seed_translations(1, languages=["de"])


def test_seeded_translations_are_indexed_as_a_full_rebuild_would(now):
    seed(20, random_seed=7)
    seed_translations(5, random_seed=7, languages=["fr", "ko"])
    seeded = index_contents()
    assert len(seeded[0]) == Post.objects.count()
    reindex()
    assert index_contents() == seeded
