"""The interchange format: JSON Lines, one post per line (see docs/interchange.md).

Loading checks every line before writing anything and then writes the whole file in
one transaction, so a bad file leaves the site exactly as it was.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator, validate_unicode_slug
from django.db import IntegrityError, transaction

from bulletin.posts.models import Attachment, ChangeNote, Kind, Post, Status, Topic
from bulletin.posts.state import bump_content_version
from bulletin.posts.statistics import refresh_planner_statistics

FIELDS = {
    "id", "kind", "title", "slug", "summary", "body_html", "language", "status",
    "published_at", "updated_at", "created_at", "topics", "pinned_until", "expires_at",
    "event", "attachments", "author", "translation_group", "withdrawn_at",
    "withdrawal_note", "change_notes",
}  # fmt: skip
EVENT_FIELDS = {"start", "end", "timezone", "location", "online_url"}
ATTACHMENT_FIELDS = {"title", "filename", "content_type", "data_base64"}
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


class LoadError(Exception):
    """A file that cannot be loaded; `problems` names each bad line and why."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"line {n}: {why}" for n, why in problems))


@dataclass
class Record:
    """One checked line, ready to write."""

    line: int
    external_id: str | None
    fields: dict[str, Any]
    topics: list[str]
    attachments: list[dict[str, Any]]
    change_notes: list[dict[str, Any]]
    author: str | None
    problems: list[str] = field(default_factory=list)


# --- dumping ---------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def post_to_dict(post: Post) -> dict[str, Any]:
    attachments = []
    for item in post.attachments.all():
        with item.file.open("rb") as handle:
            data = handle.read()
        attachments.append(
            {
                "title": item.title,
                "filename": item.filename,
                "content_type": item.content_type,
                "data_base64": base64.b64encode(data).decode("ascii"),
            }
        )
    event = None
    if post.event_start or post.event_location or post.event_online_url:
        event = {
            "start": _iso(post.event_start),
            "end": _iso(post.event_end),
            "timezone": post.event_timezone or None,
            "location": post.event_location or None,
            "online_url": post.event_online_url or None,
        }
    return {
        "id": post.external_id or str(post.pk),
        "kind": post.kind,
        "title": post.title,
        "slug": post.slug,
        "summary": post.summary,
        "body_html": post.body,
        "language": post.language,
        "translation_group": str(post.translation_group),
        "status": post.status,
        "published_at": _iso(post.published_at),
        "created_at": _iso(post.created_at),
        "updated_at": _iso(post.updated_at),
        "topics": [topic.name for topic in post.topics.all()],
        "pinned_until": _iso(post.pinned_until),
        "expires_at": _iso(post.expires_at),
        "event": event,
        "attachments": attachments,
        "author": post.author.get_username() if post.author else None,
        "withdrawn_at": _iso(post.withdrawn_at),
        "withdrawal_note": post.withdrawal_note,
        "change_notes": [
            {"date": _iso(note.noted_at), "note": note.note}
            for note in post.change_notes.all()
        ],
    }


def dump(stream: TextIO) -> int:
    posts = (
        Post.objects.order_by("id")
        .select_related("author")
        .prefetch_related("topics", "attachments", "change_notes")
    )
    count = 0
    for post in posts.iterator(chunk_size=500):
        stream.write(json.dumps(post_to_dict(post), ensure_ascii=False) + "\n")
        count += 1
    return count


# --- checking ------------------------------------------------------------------------


def _datetime(value: Any, name: str, problems: list[str]) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(f"{name} must be an ISO 8601 string")
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        problems.append(f"{name} is not an ISO 8601 date-time: {value!r}")
        return None
    if parsed.tzinfo is None:
        problems.append(f"{name} needs a UTC offset (e.g. +00:00): {value!r}")
        return None
    return parsed


def _text(
    data: dict, name: str, problems: list[str], *, max_length: int | None = None
) -> str:
    value = data.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"{name} must be a string")
        return ""
    if max_length and len(value) > max_length:
        problems.append(f"{name} is longer than {max_length} characters")
    if "\x00" in value:
        problems.append(f"{name} contains a NUL character")
    return value


def _choice(data: dict, name: str, choices: Iterable[str], problems: list[str]) -> str:
    value = data.get(name)
    allowed = list(choices)
    if value not in allowed:
        problems.append(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
        return allowed[0]
    return value


def _event(data: Any, problems: list[str]) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append("event must be an object")
        return {}
    unknown = set(data) - EVENT_FIELDS
    if unknown:
        problems.append(f"event has unknown fields: {', '.join(sorted(unknown))}")
    start = _datetime(data.get("start"), "event.start", problems)
    end = _datetime(data.get("end"), "event.end", problems)
    zone = _text(data, "timezone", problems, max_length=64)
    online = _text(data, "online_url", problems, max_length=500)
    if online:
        try:
            URLValidator(schemes=["http", "https"])(online)
        except ValidationError:
            problems.append(f"event.online_url is not an http(s) URL: {online!r}")
    return {
        "event_start": start,
        "event_end": end,
        "event_timezone": zone,
        "event_location": _text(data, "location", problems, max_length=300),
        "event_online_url": online,
    }


def _attachments(data: Any, problems: list[str]) -> list[dict[str, Any]]:
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append("attachments must be a list")
        return []
    result = []
    for n, item in enumerate(data, start=1):
        if not isinstance(item, dict) or set(item) - ATTACHMENT_FIELDS:
            problems.append(
                f"attachment {n} must be an object with {', '.join(sorted(ATTACHMENT_FIELDS))}"
            )
            continue
        filename = _text(item, "filename", problems, max_length=255)
        if (
            not filename
            or "/" in filename
            or "\\" in filename
            or filename.startswith(".")
        ):
            problems.append(f"attachment {n} needs a plain file name, not {filename!r}")
        try:
            raw = base64.b64decode(item.get("data_base64") or "", validate=True)
        except (binascii.Error, ValueError, TypeError):
            problems.append(f"attachment {n}: data_base64 is not valid base64")
            continue
        if len(raw) > MAX_ATTACHMENT_BYTES:
            problems.append(
                f"attachment {n} is larger than {MAX_ATTACHMENT_BYTES} bytes"
            )
        result.append(
            {
                "title": _text(item, "title", problems, max_length=300) or filename,
                "filename": filename,
                "content_type": _text(item, "content_type", problems, max_length=100)
                or "application/octet-stream",
                "data": raw,
            }
        )
    return result


# Where a model field sits in a line of the format, for messages that name it.
LINE_NAMES = {
    "body": "body_html",
    "event_start": "event.start",
    "event_end": "event.end",
    "event_timezone": "event.timezone",
    "event_location": "event.location",
    "event_online_url": "event.online_url",
}


def _model_problems(fields: dict[str, Any]) -> list[str]:
    """What `Post.clean()` says of these values: the same rules as the back office."""
    candidate = Post(**fields)
    try:
        candidate.clean_fields(
            exclude=[f.name for f in Post._meta.fields if f.name != "event_timezone"]
        )
        candidate.clean()
    except ValidationError as error:
        return [
            f"{LINE_NAMES.get(name, name)}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def check_line(number: int, text: str) -> Record:
    problems: list[str] = []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return Record(
            number, None, {}, [], [], [], None, [f"not valid JSON ({error.msg})"]
        )
    if not isinstance(data, dict):
        return Record(
            number, None, {}, [], [], [], None, ["a line must be a JSON object"]
        )
    unknown = set(data) - FIELDS
    if unknown:
        problems.append(f"unknown fields: {', '.join(sorted(unknown))}")
    external_id = data.get("id")
    if external_id is not None and (
        not isinstance(external_id, str | int) or not str(external_id)
    ):
        problems.append("id must be a non-empty string")
    external_id = str(external_id)[:200] if external_id not in (None, "") else None
    title = _text(data, "title", problems, max_length=300)
    if not title.strip():
        problems.append("title is required")
    slug = _text(data, "slug", problems, max_length=200)
    if slug:
        try:
            validate_unicode_slug(slug)
        except ValidationError:
            problems.append(f"slug may hold only letters, digits, - and _: {slug!r}")
    status = _choice(data, "status", Status.values, problems)
    published_at = _datetime(data.get("published_at"), "published_at", problems)
    if status in (Status.PUBLISHED, Status.WITHDRAWN) and published_at is None:
        problems.append(f"a {status} post needs published_at")
    group = data.get("translation_group")
    if group is not None:
        try:
            group = uuid.UUID(str(group))
        except ValueError:
            problems.append("translation_group must be a UUID")
    topics = data.get("topics") or []
    if not isinstance(topics, list) or not all(
        isinstance(t, str) and t.strip() for t in topics
    ):
        problems.append("topics must be a list of names")
        topics = []
    notes = data.get("change_notes") or []
    checked_notes = []
    if not isinstance(notes, list):
        problems.append("change_notes must be a list")
        notes = []
    for note in notes:
        if not isinstance(note, dict):
            problems.append("each change note must be an object with date and note")
            continue
        checked_notes.append(
            {
                "noted_at": _datetime(note.get("date"), "change_notes.date", problems),
                "note": _text(note, "note", problems, max_length=500),
            }
        )
    author = data.get("author")
    if author is not None and not isinstance(author, str):
        problems.append("author must be a user name")
    fields = {
        "kind": _choice(data, "kind", Kind.values, problems),
        "title": title,
        "slug": slug,
        "summary": _text(data, "summary", problems, max_length=500),
        "body": _text(data, "body_html", problems),
        "language": _choice(data, "language", dict(settings.LANGUAGES), problems)
        if "language" in data
        else settings.LANGUAGE_CODE,
        "status": status,
        "published_at": published_at,
        "pinned_until": _datetime(data.get("pinned_until"), "pinned_until", problems),
        "expires_at": _datetime(data.get("expires_at"), "expires_at", problems),
        "withdrawn_at": _datetime(data.get("withdrawn_at"), "withdrawn_at", problems),
        "withdrawal_note": _text(data, "withdrawal_note", problems),
        **_event(data.get("event"), problems),
    }
    for name in ("created_at", "updated_at"):
        value = _datetime(data.get(name), name, problems)
        if value:
            fields[name] = value
    if isinstance(group, uuid.UUID):
        fields["translation_group"] = group
    problems.extend(_model_problems(fields))
    return Record(
        line=number,
        external_id=external_id,
        fields=fields,
        topics=[t.strip()[:100] for t in topics],
        attachments=_attachments(data.get("attachments"), problems),
        change_notes=checked_notes,
        author=author,
        problems=problems,
    )


def check(lines: Iterable[str]) -> list[Record]:
    """Check every line; raise LoadError naming each bad one."""
    records, problems = [], []
    seen_ids: dict[str, int] = {}
    seen_slugs: dict[tuple[str, str], int] = {}
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        record = check_line(number, text)
        if record.external_id:
            if record.external_id in seen_ids:
                record.problems.append(
                    f"id {record.external_id!r} already on line {seen_ids[record.external_id]}"
                )
            seen_ids.setdefault(record.external_id, number)
        if record.fields.get("slug"):
            key = (record.fields["language"], record.fields["slug"])
            if key in seen_slugs:
                record.problems.append(
                    f"slug {key[1]!r} already used on line {seen_slugs[key]}"
                )
            seen_slugs.setdefault(key, number)
        problems.extend((number, why) for why in record.problems)
        records.append(record)
    if problems:
        raise LoadError(problems)
    return records


# --- loading -----------------------------------------------------------------------


def _author(name: str | None):
    if not name:
        return None
    User = get_user_model()
    user = User.objects.filter(username=name).first()
    if user is None:
        # Keep who wrote it without opening an account: no password can sign in.
        user = User(username=name, is_active=False)
        user.set_unusable_password()
        user.save()
    return user


def _write(record: Record, saved_files: list[str]) -> Post:
    post = (
        Post.objects.filter(external_id=record.external_id).first()
        if record.external_id
        else None
    )
    if post is None:
        post = Post(external_id=record.external_id)
    for name, value in record.fields.items():
        setattr(post, name, value)
    post.author = _author(record.author)
    post.save()
    post.topics.set(
        [
            Topic.objects.get_or_create(name=name)[0]
            for name in dict.fromkeys(record.topics)
        ]
    )
    for old in post.attachments.all():
        old.file.delete(save=False)
        old.delete()
    for position, item in enumerate(record.attachments):
        attachment = Attachment(
            post=post,
            title=item["title"],
            filename=item["filename"],
            content_type=item["content_type"],
            size=len(item["data"]),
            position=position,
        )
        attachment.file.save(item["filename"], ContentFile(item["data"]), save=False)
        saved_files.append(attachment.file.name)
        attachment.save()
    post.change_notes.all().delete()
    ChangeNote.objects.bulk_create(
        [
            ChangeNote(
                post=post, noted_at=n["noted_at"] or post.updated_at, note=n["note"]
            )
            for n in record.change_notes
        ]
    )
    return post


def load(lines: Iterable[str]) -> int:
    """Check the whole file, then write it in one transaction; return the number of posts."""
    records = check(lines)
    saved_files: list[str] = []
    try:
        with transaction.atomic():
            for record in records:
                try:
                    with transaction.atomic():
                        _write(record, saved_files)
                except (IntegrityError, ValidationError) as error:
                    raise LoadError(
                        [(record.line, f"cannot be stored: {error}")]
                    ) from error
            bump_content_version()
    except LoadError:
        # Files are written before the transaction commits; remove what a rollback orphaned.
        for name in saved_files:
            Attachment.file.field.storage.delete(name)
        raise
    refresh_planner_statistics()
    return len(records)
