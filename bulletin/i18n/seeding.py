"""Generated translations for demo sites: `bulletin seed --translations` calls
`seed_translations()` after the posts are seeded.

Each translation is the original's story written again by the same templates in
another language (`bulletin.posts.demo`), so the French post is the same notice as
the English one. A demo shows the switcher, hreflang links, right-to-left pages and the back office's
missing and out-of-date states with realistic-looking content.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from bulletin.i18n.models import TranslationSource, content_fingerprint
from bulletin.posts import clock, demo
from bulletin.posts.bulk import NewPost, create_posts
from bulletin.posts.models import Post, Status
from bulletin.posts.sanitize import sanitize_html
from bulletin.posts.state import bump_content_version

SEEDABLE = demo.LANGUAGES


def _unique_slug(title: str, used: set[str]) -> str:
    base = slugify(title, allow_unicode=True)[:180].strip("-") or "post"
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate


def _translation(
    rng: random.Random,
    original: Post,
    topic: str,
    language: str,
    used: set[str],
    now: datetime,
) -> Post:
    """The original's story written again in `language` (same dates, same place)."""
    written = demo.compose(
        language,
        original.kind,
        topic,
        original.translation_group.int,
        original.published_at,
        event_start=original.event_start,
        event_end=original.event_end,
        event_timezone=original.event_timezone,
        event_location=original.event_location,
        online=bool(original.event_online_url),
    )
    # Most translations follow the original within a day; a few stay drafts. None
    # is dated after now.
    draft = rng.random() < 0.05
    published_at = min(now, original.published_at + timedelta(hours=rng.randint(1, 24)))
    return Post(
        kind=original.kind,
        title=written.title,
        slug=_unique_slug(written.title, used),
        summary=written.summary,
        body=sanitize_html(written.body),
        language=language,
        translation_group=original.translation_group,
        status=Status.DRAFT if draft else Status.PUBLISHED,
        published_at=None if draft else published_at,
        created_at=min(now, original.created_at + timedelta(hours=1)),
        updated_at=max(original.updated_at, published_at),
        pinned_until=original.pinned_until,
        expires_at=original.expires_at,
        event_start=original.event_start,
        event_end=original.event_end,
        event_timezone=original.event_timezone,
        event_location=original.event_location,
        event_online_url=original.event_online_url,
    )


def _left_untranslated(original: Post, language: str) -> bool:
    """About one post in twelve lacks one language, to show the "missing" state; the
    choice depends only on the post and the language, so seeding again adds nothing."""
    return (original.translation_group.int + len(language) * 7) % 12 == 0


def _first_topics(originals: list[Post]) -> dict[int, str]:
    """Each post's first topic (the one its story is about), by the order it was linked."""
    Link = Post.topics.through
    first: dict[int, str] = {}
    for post_id, name in (
        Link.objects.filter(post__in=originals)
        .order_by("id")
        .values_list("post_id", "topic__name")
    ):
        first.setdefault(post_id, name)
    return first


def seed_translations(
    count: int = 50,
    *,
    random_seed: int = 1,
    languages: Sequence[str] | None = None,
    source_language: str | None = None,
) -> int:
    """Translate up to `count` of the newest public posts into `languages` (by
    default every other language the site offers).

    Posts that already have a translation in a language are skipped for it, so running
    it twice adds nothing. About one translation in ten is left out of date (its
    original changed after it was made) to show that state in the back office.
    Returns how many translations were written.
    """
    source_language = source_language or settings.LANGUAGE_CODE
    if languages is None:
        languages = [code for code, _ in settings.LANGUAGES if code != source_language]
    unknown = set(languages) - set(SEEDABLE)
    if unknown:
        raise ValueError(f"No generated text for {', '.join(sorted(unknown))}")
    # A language this site does not offer is skipped: its posts could not be shown.
    languages = [code for code in languages if code in dict(settings.LANGUAGES)]
    rng = random.Random(random_seed)  # noqa: S311  (demo text, not secrets)
    originals = list(
        Post.objects.public()
        .filter(language=source_language)
        .order_by("-published_at", "-id")
        .prefetch_related("topics")[:count]
    )
    topics = _first_topics(originals)
    now = clock.now()
    groups = [post.translation_group for post in originals]
    existing = set(
        Post.objects.filter(
            translation_group__in=groups, language__in=languages
        ).values_list("translation_group", "language")
    )
    written = 0
    with transaction.atomic():
        for language in languages:
            used = set(
                Post.objects.filter(language=language).values_list("slug", flat=True)
            )
            pairs = [
                (
                    original,
                    _translation(
                        rng,
                        original,
                        topics.get(original.pk, "Governance"),
                        language,
                        used,
                        now,
                    ),
                )
                for original in originals
                if (original.translation_group, language) not in existing
                and not _left_untranslated(original, language)
            ]
            # Through the bulk path every other writer uses, so the search index,
            # moments and list days follow the translations as they follow saves.
            created = create_posts(
                [
                    NewPost(post, [topic.pk for topic in original.topics.all()])
                    for original, post in pairs
                ]
            )
            records = []
            for (original, _), post in zip(pairs, created, strict=True):
                record = TranslationSource(post=post)
                record.record(original)
                if rng.random() < 0.1:
                    record.source_fingerprint = content_fingerprint(
                        Post(title="(earlier text)")
                    )
                records.append(record)
            TranslationSource.objects.bulk_create(records, batch_size=500)
            written += len(created)
        bump_content_version()
    return written
