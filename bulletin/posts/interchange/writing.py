"""Writing checked lines: new posts created, known ids updated in place.

An update changes exactly what changed. A post whose line matches it is left alone
(no new version, no new `updated_at`); a changed post moves every "modified" signal
forward (`updated_at`, hence Atom `<updated>`, JSON Feed `date_modified` and the
API's `updated_since`; `version`, hence the iCalendar SEQUENCE). An attachment whose
bytes are unchanged keeps its row, so its address keeps working.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from bulletin.posts import clock
from bulletin.posts.bulk import NewPost, Progress, create_posts
from bulletin.posts.interchange.checking import (
    CheckedAttachment,
    LoadError,
    Record,
    check,
)
from bulletin.posts.interchange.topics import apply_names
from bulletin.posts.models import Attachment, ChangeNote, Post, Topic
from bulletin.posts.sanitize import sanitize_html
from bulletin.posts.state import one_bump
from bulletin.posts.statistics import refresh_planner_statistics

BATCH = 500
# Kept as the line says on creation; never what makes a post "changed".
TIMES = ("created_at", "updated_at")


def _chunks(items: list, size: int = BATCH) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing(records: list[Record]) -> dict[str, Post]:
    """The site's posts that the file's ids name, fetched in batches."""
    ids = [r.external_id for r in records if r.external_id]
    found: dict[str, Post] = {}
    for chunk in _chunks(ids):
        posts = (
            Post.objects.filter(external_id__in=chunk)
            .select_related("author")
            .prefetch_related("topics", "attachments", "change_notes")
        )
        found.update({post.external_id: post for post in posts})
    return found


def _check_slugs(records: list[Record], existing: dict[str, Post]) -> None:
    """A slug another post of the site already has refuses the line, named."""
    wanted = {
        (r.fields["language"], r.fields["slug"]): r
        for r in records
        if r.fields.get("slug")
    }
    problems = []
    slugs = sorted({slug for _lang, slug in wanted})
    for chunk in _chunks(slugs):
        taken = Post.objects.filter(slug__in=chunk).values_list(
            "language", "slug", "external_id"
        )
        for language, slug, owner in taken:
            record = wanted.get((language, slug))
            if record is not None and record.external_id != owner:
                problems.append(
                    (record.line, f"slug {slug!r} is already used by post {owner!r}")
                )
    if problems:
        raise LoadError(sorted(problems))


class _Writer:
    def __init__(self) -> None:
        self.saved_files: list[str] = []
        self.dropped_files: list[str] = []
        self.topics: dict[str, Topic] = {}
        self.authors: dict[str, Any] = {}
        self.digests: dict[int, str] = {}
        # Files of a bulk batch the database refused (written again one by one).
        self.dropped_after_rollback: list[str] = []

    def topic_list(self, record: Record) -> list[Topic]:
        names = record.topics
        missing = [name for name in names if name not in self.topics]
        if missing:
            for topic in Topic.objects.filter(name__in=missing):
                self.topics[topic.name] = topic
        for name in names:
            if name not in self.topics:
                self.topics[name] = Topic.objects.create(name=name)
        apply_names(self.topics, record.topic_names)
        return [self.topics[name] for name in names]

    def author(self, name: str | None):
        if not name:
            return None
        if name not in self.authors:
            User = get_user_model()
            user = User.objects.filter(username=name).first()
            if user is None:
                # Keep who wrote it without opening an account: no password signs in.
                user = User(username=name, is_active=False)
                user.set_unusable_password()
                user.save()
            self.authors[name] = user
        return self.authors[name]

    # --- one post ---------------------------------------------------------------------

    def write(self, record: Record, post: Post | None) -> Post:
        fields = dict(record.fields)
        fields["body"] = sanitize_html(fields["body"])
        author = self.author(record.author)
        if post is None:
            post = Post(**fields, author=author)
            post.save()
            post.topics.set(self.topic_list(record))
            self.replace_attachments(post, record.attachments, [])
            self.replace_notes(post, record)
            return post
        if not fields.get("slug"):
            fields.pop("slug", None)  # a line without a slug keeps the post's address
        given_updated = fields.pop("updated_at", None)
        for name in TIMES:
            fields.pop(name, None)
        changed = [n for n, value in fields.items() if getattr(post, n) != value]
        if record.topic_names:
            self.topic_list(
                record
            )  # names belong to the topics, even if the post is unchanged
        changed_topics = sorted(t.name for t in post.topics.all()) != sorted(
            record.topics
        )
        changed_notes = self.notes_of(post) != [
            (n["noted_at"] or post.updated_at, n["note"]) for n in record.change_notes
        ]
        changed_author = post.author_id != (author.pk if author else None)
        old_files = list(post.attachments.all())
        changed_files = self.files_differ(old_files, record.attachments)
        if not (
            changed
            or changed_topics
            or changed_notes
            or changed_author
            or changed_files
        ):
            return post
        for name in changed:
            setattr(post, name, fields[name])
        post.author = author
        post.version += 1
        now = clock.now()
        # Forward, never back, never ahead of now (the line's time if it is newer).
        post.updated_at = (
            given_updated
            if given_updated and post.updated_at < given_updated <= now
            else now
        )
        post.save()
        if changed_topics:
            post.topics.set(self.topic_list(record))
        if changed_files:
            self.replace_attachments(post, record.attachments, old_files)
        if changed_notes:
            self.replace_notes(post, record)
        return post

    @staticmethod
    def notes_of(post: Post) -> list[tuple]:
        return [(n.noted_at, n.note) for n in post.change_notes.all()]

    def _digest(self, item: Attachment) -> str:
        if item.pk not in self.digests:
            with item.file.open("rb") as handle:
                self.digests[item.pk] = hashlib.sha256(handle.read()).hexdigest()
        return self.digests[item.pk]

    def _match(
        self, old: list[Attachment], new: list[CheckedAttachment]
    ) -> list[Attachment | None]:
        """For each new file, the old row holding the same bytes (or None)."""
        sizes = {len(item.data) for item in new}
        by_digest: dict[str, list[Attachment]] = {}
        for item in old:
            if item.size in sizes:
                by_digest.setdefault(self._digest(item), []).append(item)
        matches = []
        for item in new:
            candidates = by_digest.get(item.digest)
            matches.append(candidates.pop(0) if candidates else None)
        return matches

    def files_differ(self, old: list[Attachment], new: list[CheckedAttachment]) -> bool:
        if len(old) != len(new):
            return True
        matches = self._match(old, new)
        return any(
            match is None
            or (match.title, match.filename, match.content_type, match.position)
            != (item.title, item.filename, item.content_type, position)
            for position, (match, item) in enumerate(zip(matches, new, strict=True))
        )

    def replace_attachments(
        self, post: Post, new: list[CheckedAttachment], old: list[Attachment]
    ) -> None:
        matches = self._match(old, new)
        kept = {match.pk for match in matches if match is not None}
        for item in old:
            if item.pk not in kept:
                self.dropped_files.append(item.file.name)
                item.delete()
        for position, (match, item) in enumerate(zip(matches, new, strict=True)):
            if match is not None:
                match.title, match.filename = item.title, item.filename
                match.content_type, match.position = item.content_type, position
                match.save(
                    update_fields=["title", "filename", "content_type", "position"]
                )
                continue
            attachment = self.new_attachment(item, position)
            attachment.post = post
            attachment.save()

    # --- many new posts at once ----------------------------------------------------

    def create_many(self, records: list[Record]) -> None:
        """New posts of `records` written in bulk (`posts.bulk`), as `write` would.

        A batch the database refuses is written again one post at a time, so the
        error names its line.
        """
        items, files = [], []
        for record in records:
            fields = dict(record.fields)
            post = Post(**fields, author=self.author(record.author))
            attachments = [
                self.new_attachment(item, position)
                for position, item in enumerate(record.attachments)
            ]
            files.extend(attachment.file.name for attachment in attachments)
            topics = [topic.pk for topic in self.topic_list(record)]
            items.append(NewPost(post, topics, attachments))
        try:
            with transaction.atomic():
                posts = create_posts(items)
        except IntegrityError:
            self.dropped_after_rollback.extend(files)
            for record in records:
                self.write_one(record, None)
            return
        ChangeNote.objects.bulk_create(
            [
                ChangeNote(
                    post=post,
                    noted_at=note["noted_at"] or post.updated_at,
                    note=note["note"],
                )
                for post, record in zip(posts, records, strict=True)
                for note in record.change_notes
            ]
        )

    def new_attachment(self, item: CheckedAttachment, position: int) -> Attachment:
        attachment = Attachment(
            title=item.title,
            filename=item.filename,
            content_type=item.content_type,
            size=len(item.data),
            position=position,
        )
        attachment.file.save(item.filename, ContentFile(item.data), save=False)
        self.saved_files.append(attachment.file.name)
        return attachment

    def write_one(self, record: Record, post: Post | None) -> Post:
        """`write` in a savepoint of its own, a refusal naming the line."""
        try:
            with transaction.atomic():
                return self.write(record, post)
        except IntegrityError as error:
            raise LoadError([(record.line, f"cannot be stored: {error}")]) from error

    def replace_notes(self, post: Post, record: Record) -> None:
        post.change_notes.all().delete()
        ChangeNote.objects.bulk_create(
            [
                ChangeNote(
                    post=post,
                    noted_at=note["noted_at"] or post.updated_at,
                    note=note["note"],
                )
                for note in record.change_notes
            ]
        )


def load(
    lines: Iterable[str], *, one_by_one: bool = False, progress: Progress | None = None
) -> int:
    """Check the whole file, then write it in one transaction; return the number of posts.

    Posts the site already has are updated one by one (only what changed); new ones
    are written in batches (`posts.bulk`), their search entries, moments and list
    counts with them. `one_by_one` saves every post on its own instead; the site
    that results is the same (tests/posts/test_bulk_load.py).
    """
    records = check(lines)
    existing = _existing(records)
    _check_slugs(records, existing)
    writer = _Writer()
    storage = Attachment.file.field.storage
    known = [r for r in records if r.external_id in existing]
    new = [r for r in records if r.external_id not in existing]
    done = 0
    try:
        # One version bump for the whole file, marking only the days it touched.
        with transaction.atomic(), one_bump():
            for record in known if not one_by_one else records:
                writer.write_one(record, existing.get(record.external_id or ""))
                done += 1
                if progress is not None and done % BATCH == 0:
                    progress(done)
            for chunk in _chunks(new) if not one_by_one else ():
                writer.create_many(chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done)
            # Replaced files go only once the new state is committed.
            dropped = writer.dropped_files + writer.dropped_after_rollback
            transaction.on_commit(lambda: [storage.delete(name) for name in dropped])
    except LoadError:
        # Files are written before the transaction commits; remove what a rollback orphaned.
        for name in writer.saved_files:
            storage.delete(name)
        raise
    refresh_planner_statistics()
    return len(records)
