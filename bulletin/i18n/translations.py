"""Translations of a post: the group it belongs to, what the public may follow, what
the back office must still do, and starting a translation from the original."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation

from bulletin.i18n.models import TranslationSource
from bulletin.posts import clock, prepared
from bulletin.posts.models import Post, Status


class TranslationError(Exception):
    """A translation cannot be started or recorded."""


def offered_languages() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)


def language_order(code: str) -> int:
    codes = [c for c, _ in settings.LANGUAGES]
    return codes.index(code) if code in codes else len(codes)


def public_url(post: Post) -> str:
    """The post's address in its own language's part of the site."""
    with translation.override(post.language):
        return post.get_absolute_url()


def translations_of(post: Post) -> list[Post]:
    """The other public translations of a post, in the order languages are offered.

    Only `public()` posts: a draft translation must never be linked. The answer is kept
    on the post for the request: the switcher, hreflang links and visible links all ask.
    """
    cached = getattr(post, "_public_translations", None)
    if cached is not None:
        return cached
    others = prepared.rows(
        ("public translations", tuple(dict(settings.LANGUAGES))),
        lambda group, pk, now: (
            Post.objects.public(now)
            .filter(translation_group=group, language__in=dict(settings.LANGUAGES))
            .exclude(pk=pk)
        ),
        *(post.translation_group, post.pk, clock.now()),
    )
    post._public_translations = sorted(
        others, key=lambda p: (language_order(p.language), p.pk)
    )
    return post._public_translations


def group_of(post: Post) -> list[Post]:
    """Every post of the group, whatever its status (back office only)."""
    members = Post.objects.filter(
        translation_group=post.translation_group
    ).select_related("translation_source")
    return sorted(members, key=lambda p: (language_order(p.language), p.pk))


def original_of(members: list[Post]) -> Post | None:
    """The post the others were translated from: one with no recorded source, oldest first."""
    originals = [p for p in members if not _source_record(p)]
    return min(originals, key=lambda p: (p.created_at, p.pk)) if originals else None


def _source_record(post: Post) -> TranslationSource | None:
    try:
        return post.translation_source
    except TranslationSource.DoesNotExist:
        return None


class State:
    ORIGINAL = "original"
    CURRENT = "current"
    OUTDATED = "outdated"
    UNTRACKED = "untracked"
    MISSING = "missing"


@dataclass(frozen=True)
class LanguageStatus:
    language: str
    name: str
    state: str
    post: Post | None = None
    source: Post | None = None

    @property
    def is_missing(self) -> bool:
        return self.state == State.MISSING

    @property
    def is_outdated(self) -> bool:
        return self.state == State.OUTDATED


def group_status(members: list[Post]) -> list[LanguageStatus]:
    """One line per offered language: the group's post in it and whether it is current."""
    by_language: dict[str, Post] = {}
    for member in members:
        by_language.setdefault(member.language, member)
    original = original_of(members)
    rows = []
    for code, name in settings.LANGUAGES:
        post = by_language.get(code)
        if post is None:
            rows.append(LanguageStatus(code, name, State.MISSING, source=original))
            continue
        record = _source_record(post)
        if record is None:
            state = State.ORIGINAL if post == original else State.UNTRACKED
            rows.append(LanguageStatus(code, name, state, post=post))
            continue
        # The source as loaded in this group, so a page of statuses costs no extra query.
        source = next((m for m in members if m.pk == record.source_id), None)
        state = State.OUTDATED if record.is_outdated(source) else State.CURRENT
        if source is None:
            state = State.UNTRACKED
        rows.append(LanguageStatus(code, name, state, post=post, source=source))
    return rows


def translation_status(post: Post) -> list[LanguageStatus]:
    return group_status(group_of(post))


def start_translation(source: Post, language: str, user=None) -> Post:
    """Create a draft in `language`, in the source's group, and note what it came from.

    The draft starts as a copy of the original's text, for the translator to replace.
    """
    if language not in dict(settings.LANGUAGES):
        raise TranslationError(f"{language!r} is not an offered language")
    with transaction.atomic():
        # Locking the original serialises two clicks on "Start translation".
        source = Post.objects.select_for_update().get(pk=source.pk)
        if Post.objects.filter(
            translation_group=source.translation_group, language=language
        ).exists():
            raise TranslationError(f"This post already has a translation in {language}")
        draft = Post.objects.create(
            kind=source.kind,
            title=source.title,
            summary=source.summary,
            body=source.body,
            language=language,
            translation_group=source.translation_group,
            status=Status.DRAFT,
            expires_at=source.expires_at,
            event_start=source.event_start,
            event_end=source.event_end,
            event_timezone=source.event_timezone,
            event_location=source.event_location,
            event_online_url=source.event_online_url,
            author=user if user is not None and user.is_authenticated else None,
        )
        draft.topics.set(source.topics.all())
        record = TranslationSource(post=draft)
        record.record(source)
        record.save()
    return draft


def mark_current(post: Post) -> TranslationSource:
    """The translator has brought `post` in line with its original as it is now."""
    with transaction.atomic():
        record = TranslationSource.objects.select_for_update().filter(post=post).first()
        if record is None or record.source is None:
            raise TranslationError("This post has no recorded original")
        record.record(record.source)
        record.save()
    return record
