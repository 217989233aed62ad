"""Write imported items: each post whole or not at all, and never twice.

Every importer hands its items here. An item is looked up by its source id; it is
created, updated when it changed at the source, or left alone when unchanged or
edited on this site since. Its files pass the back office's upload check, its body
the one sanitiser (in `Post.save`), its old addresses go to the redirects table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.db import DatabaseError, transaction
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify

from bulletin.accounts.roles import Role
from bulletin.imports import files
from bulletin.imports.items import Item, Skip
from bulletin.imports.models import ImportedPost
from bulletin.imports.report import Report
from bulletin.posts import clock
from bulletin.posts.models import Kind, Post, Status, Topic
from bulletin.redirects.addresses import remember
from bulletin.redirects.models import Reason


@dataclass
class Options:
    dry_run: bool = False
    overwrite: bool = False
    language: str = ""
    uploads_dir: Path | None = None
    download: bool = True
    timeout: float = 20.0
    pin_days: int = 90

    def __post_init__(self) -> None:
        self.language = self.language or settings.LANGUAGE_CODE


class ItemFailed(Exception):
    """This item cannot be written; the others go on."""


class _DryRun(Exception):
    """Raised inside the transaction to undo a dry run's writes."""


def write_all(
    items: Iterable[Item | Skip],
    options: Options,
    report: Report,
    advance: Callable[[str], None] = lambda title: None,
) -> None:
    for item in items:
        advance(item.title)
        if isinstance(item, Skip):
            report.add("skipped", item.source_id, item.title, item.reason)
            continue
        try:
            outcome, reason, url = write(item, options, report)
        except ItemFailed as error:
            report.add("failed", item.source_id, item.title, str(error))
        else:
            report.add(outcome, item.source_id, item.title, reason, url)


def write(item: Item, options: Options, report: Report) -> tuple[str, str, str]:
    """Write one item; return (outcome, reason, address of the post)."""
    record = (
        ImportedPost.objects.select_related("post")
        .filter(source=item.source, source_id=item.source_id[:500])
        .first()
    )
    fingerprint = item.fingerprint()
    if record is not None:
        if record.post is None:
            return "skipped", "deleted on this site; not brought back", ""
        url = _url(record.post)
        if record.fingerprint == fingerprint and not options.overwrite:
            return "unchanged", "", url
        if record.post.version != record.post_version and not options.overwrite:
            return (
                "skipped",
                "edited on this site since the last import (--overwrite replaces it)",
                url,
            )
    outcome = "updated" if record else "created"
    saved_files: list[str] = []
    try:
        with transaction.atomic():
            post = _write_post(item, record, fingerprint, options, report, saved_files)
            url = _url(post)
            if options.dry_run:
                raise _DryRun
    except _DryRun:
        files.delete_files(saved_files)
    except ValidationError as error:
        files.delete_files(saved_files)
        raise ItemFailed(_messages(error)) from error
    except (DatabaseError, ValueError) as error:
        files.delete_files(saved_files)
        raise ItemFailed(f"cannot be stored: {error}") from error
    return outcome, "", url


def _write_post(
    item: Item,
    record: ImportedPost | None,
    fingerprint: str,
    options: Options,
    report: Report,
    saved_files: list[str],
) -> Post:
    post = record.post if record else Post()
    language = item.language or options.language
    post.kind = item.kind
    post.title = Truncator(item.title.strip()).chars(300)
    post.language = language
    post.summary = _summary(item)
    post.body = item.body_html
    post.status = item.status
    post.published_at = item.published_at
    if item.status == Status.PUBLISHED and post.published_at is None:
        post.published_at = clock.now()
    if item.pinned and item.kind == Kind.NOTICE:
        post.pinned_until = post.pinned_until or clock.now() + timedelta(
            days=options.pin_days
        )
    post.slug = _slug(post, item.slug)
    post.author = _author(item.author) if item.author else post.author
    if record is not None:
        post.version += 1
        post.updated_at = clock.now()
    post.full_clean()
    post.save()
    post.topics.set(
        [_topic(name) for name in dict.fromkeys(item.topics) if name.strip()]
    )
    stored, notes = files.store(
        post, item.files, record.files if record else {}, options, saved_files
    )
    for note in notes:
        report.problem(f"{item.source_id} ({item.title}): {note}")
    post.body = files.point_body_at(post, item.files, stored)
    post.save(update_fields=["body"])
    for address in item.old_urls:
        if remember(address, post, Reason.IMPORTED) is None and address:
            report.problem(
                f"{item.source_id}: old address not kept (too long): {address}"
            )
    post.refresh_from_db(fields=["version"])
    ImportedPost.objects.update_or_create(
        source=item.source,
        source_id=item.source_id[:500],
        defaults={
            "post": post,
            "source_url": item.source_url[:1000],
            "fingerprint": fingerprint,
            "post_version": post.version,
            "files": {url: files.reference(obj) for url, obj in stored.items()},
            "notes": "\n".join([*item.notes, *notes]),
            "imported_at": clock.now(),
        },
    )
    return post


def _messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def _url(post: Post) -> str:
    with translation.override(post.language):
        return post.get_absolute_url()


def _summary(item: Item) -> str:
    """The excerpt, or the first sentences of the body, as plain text."""
    text = " ".join(strip_tags(item.summary or "").split())
    if not text:
        body = " ".join(strip_tags(item.body_html.replace("<", " <")).split())
        sentences = re.split(r"(?<=[.!?。！？])\s+", body)
        text = ""
        for sentence in sentences:
            if len(text) + len(sentence) > 300 and text:
                break
            text = f"{text} {sentence}".strip()
    return Truncator(text).chars(500)


def _slug(post: Post, wanted: str) -> str:
    """The source's slug when it is a valid one and free here, else one from the title."""
    base = unquote(wanted or "").strip().lower()[:180]
    try:
        validate_unicode_slug(base)
    except ValidationError:
        base = ""
    base = base or slugify(post.title, allow_unicode=True)[:180].strip("-") or "post"
    others = Post.objects.filter(language=post.language).exclude(pk=post.pk)
    candidate, n = base, 1
    while others.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _topic(name: str) -> Topic:
    name = name.strip()[:100]
    found = Topic.objects.filter(name__iexact=name).first()
    if found is None:
        slug = slugify(name, allow_unicode=True)[:100]
        found = Topic.objects.filter(slug=slug).first() if slug else None
    return found or Topic.objects.create(name=name)


def _author(author: dict[str, str]):
    """The account of the author: the one with that e-mail, else a new inactive one."""
    User = get_user_model()
    email = (author.get("email") or "").strip()
    if email:
        user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            return user
    login = slugify(author.get("login") or "", allow_unicode=True)[:140] or "author"
    user = User.objects.filter(username=login).first()
    if user is not None and (not email or not user.email):
        return user
    username, n = login, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{login}-{n}"
    user = User(
        username=username,
        email=email,
        first_name=(author.get("first_name") or "")[:150],
        last_name=(author.get("last_name") or "")[:150],
        is_active=False,
    )
    # An account to keep who wrote what; nobody can sign in with it until an
    # administrator activates it and a password is set.
    user.set_unusable_password()
    user.save()
    group = Group.objects.filter(name=Role.AUTHOR.value).first()
    if group is not None:
        user.groups.add(group)
    return user
