"""Checking lines of the interchange format before anything is written.

The format's own checks are about shape (is it an object, a string, a date with an
offset). What the values mean is checked by the model (`Post.clean_fields()` and
`Post.clean()`), and attachments by the upload gate (`posts.uploads.inspect_upload`):
the very rules the back office applies, so each problem is reported once, in the
same words.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bulletin.posts import clock
from bulletin.posts.interchange.topics import check_names
from bulletin.posts.models import Kind, Post, Status
from bulletin.posts.text import clean_text
from bulletin.posts.uploads import inspect_upload

FIELDS = {
    "id", "kind", "title", "slug", "summary", "body_html", "language", "status",
    "published_at", "updated_at", "created_at", "topics", "pinned_until", "expires_at",
    "event", "attachments", "author", "translation_group", "withdrawn_at",
    "withdrawal_note", "change_notes", "topic_names",
}  # fmt: skip
EVENT_FIELDS = {"start", "end", "timezone", "location", "online_url"}
ATTACHMENT_FIELDS = {"title", "filename", "content_type", "data_base64"}
CHANGE_NOTE_FIELDS = {"date", "note"}
TOPIC_NAME_LENGTH = 100
CHANGE_NOTE_LENGTH = 500
BOM = "\ufeff"

# Where a model field sits in a line, for messages that name it as the file does.
LINE_NAMES = {
    "external_id": "id",
    "body": "body_html",
    "event_start": "event.start",
    "event_end": "event.end",
    "event_timezone": "event.timezone",
    "event_location": "event.location",
    "event_online_url": "event.online_url",
}


class LoadError(Exception):
    """A file that cannot be loaded; `problems` names each bad line and why."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"line {n}: {why}" for n, why in problems))


@dataclass
class CheckedAttachment:
    title: str
    filename: str
    content_type: str
    data: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Record:
    """One checked line, ready to write."""

    line: int
    external_id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    topics: list[str] = field(default_factory=list)
    topic_names: dict[str, dict[str, str]] = field(default_factory=dict)
    attachments: list[CheckedAttachment] = field(default_factory=list)
    change_notes: list[dict[str, Any]] = field(default_factory=list)
    author: str | None = None
    problems: list[str] = field(default_factory=list)


def max_line_chars() -> int:
    return int(settings.BULLETIN_INTERCHANGE_MAX_LINE_MB * 1024 * 1024)


class _Line:
    """The raw values of one line, and the problems found reading them."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.problems: list[str] = []
        self.bad: set[str] = set()  # model fields already reported

    def problem(self, message: str, model_field: str | None = None) -> None:
        self.problems.append(message)
        if model_field:
            self.bad.add(model_field)

    def text(self, name: str, model_field: str, source: dict | None = None) -> str:
        source = self.data if source is None else source
        value = source.get(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            label = LINE_NAMES.get(model_field, name)
            self.problem(f"{label} must be a string", model_field)
            return ""
        # As the model stores it, so comparing with a stored post is exact.
        return clean_text(value)

    def moment(
        self, value: Any, label: str, model_field: str | None = None
    ) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(f"{label} must be an ISO 8601 string", model_field)
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.problem(
                f"{label} is not an ISO 8601 date-time: {value!r}", model_field
            )
            return None
        if parsed.tzinfo is None:
            self.problem(
                f"{label} needs a UTC offset (e.g. +00:00): {value!r}", model_field
            )
            return None
        return parsed


NO_EVENT = {
    "event_start": None,
    "event_end": None,
    "event_timezone": "",
    "event_location": "",
    "event_online_url": "",
}


def _event(reader: _Line, kind: Any) -> dict[str, Any]:
    data = reader.data.get("event")
    if data is None:
        return NO_EVENT
    if not isinstance(data, dict):
        reader.problem("event must be an object")
        return NO_EVENT
    if kind != Kind.EVENT:
        reader.problem(f"event: only an event post has one, not a {kind} post")
        return NO_EVENT
    unknown = set(data) - EVENT_FIELDS
    if unknown:
        reader.problem(f"event has unknown fields: {', '.join(sorted(unknown))}")
    return {
        "event_start": reader.moment(data.get("start"), "event.start", "event_start"),
        "event_end": reader.moment(data.get("end"), "event.end", "event_end"),
        "event_timezone": reader.text("timezone", "event_timezone", data),
        "event_location": reader.text("location", "event_location", data),
        "event_online_url": reader.text("online_url", "event_online_url", data),
    }


def _attachments(reader: _Line) -> list[CheckedAttachment]:
    """Each file through the upload gate, exactly as if uploaded in the back office."""
    items = reader.data.get("attachments")
    if items is None:
        return []
    if not isinstance(items, list):
        reader.problem("attachments must be a list")
        return []
    checked = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict) or set(item) - ATTACHMENT_FIELDS:
            names = ", ".join(sorted(ATTACHMENT_FIELDS))
            reader.problem(f"attachment {n} must be an object with {names}")
            continue
        name = item.get("filename")
        title = item.get("title")
        if not isinstance(name, str) or not name.strip():
            reader.problem(f"attachment {n} needs a file name")
            continue
        if title is not None and not isinstance(title, str):
            reader.problem(f"attachment {n} ({name}): title must be a string")
            continue
        try:
            raw = base64.b64decode(item.get("data_base64") or "", validate=True)
        except (binascii.Error, ValueError, TypeError):
            reader.problem(f"attachment {n} ({name}): data_base64 is not valid base64")
            continue
        try:
            gate = inspect_upload(SimpleUploadedFile(name, raw))
        except ValidationError as error:
            reader.problem(f"attachment {n} ({name}): {' '.join(error.messages)}")
            continue
        title = clean_text(title or "").strip() or gate.filename
        if len(title) > 300:
            reader.problem(
                f"attachment {n} ({name}): title is longer than 300 characters"
            )
            continue
        checked.append(CheckedAttachment(title, gate.filename, gate.content_type, raw))
    return checked


def _topics(reader: _Line) -> list[str]:
    topics = reader.data.get("topics") or []
    if not isinstance(topics, list) or not all(
        isinstance(t, str) and t.strip() for t in topics
    ):
        reader.problem("topics must be a list of names")
        return []
    names = [clean_text(t).strip() for t in topics]
    for name in names:
        if len(name) > TOPIC_NAME_LENGTH:
            reader.problem(
                f"topic {name[:40]!r}… is longer than {TOPIC_NAME_LENGTH} characters"
            )
    return list(dict.fromkeys(names))


def _change_notes(reader: _Line) -> list[dict[str, Any]]:
    notes = reader.data.get("change_notes") or []
    if not isinstance(notes, list):
        reader.problem("change_notes must be a list")
        return []
    checked = []
    for n, note in enumerate(notes, start=1):
        if not isinstance(note, dict) or set(note) - CHANGE_NOTE_FIELDS:
            reader.problem(f"change note {n} must be an object with date and note")
            continue
        text = reader.text("note", "", note)
        if len(text) > CHANGE_NOTE_LENGTH:
            reader.problem(
                f"change note {n} is longer than {CHANGE_NOTE_LENGTH} characters"
            )
        when = reader.moment(note.get("date"), f"change note {n} date")
        checked.append({"noted_at": when, "note": text})
    return checked


def _model_problems(fields: dict[str, Any], skip: set[str]) -> list[str]:
    """What the model says of these values: the same rules as the back office."""
    candidate = Post(**fields)
    exclude = skip | {"author", "translation_group", "created_at", "updated_at"}
    try:
        candidate.full_clean(exclude=exclude, validate_unique=False,
                             validate_constraints=False)  # fmt: skip
    except ValidationError as error:
        return [
            f"{LINE_NAMES.get(name, name)}: {message}"
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def check_line(number: int, text: str) -> Record:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return Record(number, problems=[f"not valid JSON ({error.msg})"])
    if not isinstance(data, dict):
        return Record(number, problems=["a line must be a JSON object"])
    reader = _Line(data)
    unknown = set(data) - FIELDS
    if unknown:
        reader.problem(f"unknown fields: {', '.join(sorted(unknown))}")
    external_id = data.get("id")
    if external_id is not None and (
        not isinstance(external_id, str) or not external_id
    ):
        # A number is refused rather than turned into text: 509 and "509" must not
        # both name one post.
        reader.problem(
            f'id must be a non-empty string such as "{external_id}", not {external_id!r}'
            if isinstance(external_id, int | float)
            else "id must be a non-empty string",
            "external_id",
        )
        external_id = None
    kind, status = data.get("kind"), data.get("status")
    fields: dict[str, Any] = {
        "kind": kind if isinstance(kind, str) else "",
        "title": reader.text("title", "title"),
        "slug": reader.text("slug", "slug"),
        "summary": reader.text("summary", "summary"),
        "body": reader.text("body_html", "body"),
        "language": data.get("language", settings.LANGUAGE_CODE),
        "status": status if isinstance(status, str) else "",
        "withdrawal_note": reader.text("withdrawal_note", "withdrawal_note"),
        **_event(reader, kind),
    }
    if external_id:
        fields["external_id"] = external_id
    for name in ("published_at", "pinned_until", "expires_at", "withdrawn_at",
                 "created_at", "updated_at"):  # fmt: skip
        fields[name] = reader.moment(data.get(name), name, name)
    needs_time = status in (Status.PUBLISHED, Status.WITHDRAWN)
    if (
        needs_time
        and fields["published_at"] is None
        and "published_at" not in reader.bad
    ):
        reader.problem(f"a {status} post needs published_at", "published_at")
    updated = fields.pop("updated_at")
    if updated and updated > clock.now():
        reader.problem(f"updated_at is in the future: {data['updated_at']!r}")
    if updated:
        fields["updated_at"] = updated
    created = fields.pop("created_at")
    if created:
        fields["created_at"] = created
    group = data.get("translation_group")
    if group is not None:
        try:
            fields["translation_group"] = uuid.UUID(str(group))
        except ValueError:
            reader.problem("translation_group must be a UUID")
    author = data.get("author")
    if author is not None and not isinstance(author, str):
        reader.problem("author must be a user name")
        author = None
    topics = _topics(reader)
    topic_names, problems = check_names(data.get("topic_names"), topics)
    for problem in problems:
        reader.problem(problem)
    notes = _change_notes(reader)
    attachments = _attachments(reader)
    model_problems = _model_problems(fields, reader.bad)
    return Record(
        line=number,
        external_id=external_id,
        fields=fields,
        topics=topics,
        topic_names=topic_names,
        attachments=attachments,
        change_notes=notes,
        author=author,
        problems=reader.problems + model_problems,
    )


def _read_stream(stream, limit: int) -> Iterator[str | None]:
    while text := stream.readline(limit + 1):
        if len(text) > limit and not text.endswith(("\n", "\r")):
            # Skip the rest of the line without holding it.
            while (rest := stream.readline(1024 * 1024)) and not rest.endswith(
                ("\n", "\r")
            ):
                pass
            yield None
        else:
            yield text


def numbered_lines(lines: Iterable[str]) -> Iterator[tuple[int, str | None]]:
    """(number, text) for each line; text is None for a line too long to load.

    A stream is read with a limit, so a huge line is never held whole; a leading
    byte-order mark is dropped, as editors on some systems write one.
    """
    limit = max_line_chars()
    if hasattr(lines, "readline"):
        texts = _read_stream(lines, limit)
    else:
        texts = (text if len(text) <= limit else None for text in lines)
    for number, text in enumerate(texts, start=1):
        if number == 1 and text and text.startswith(BOM):
            text = text[len(BOM) :]
        yield number, text


def check(lines: Iterable[str]) -> list[Record]:
    """Check every line; raise LoadError naming each bad one."""
    records, problems = [], []
    seen_ids: dict[str, int] = {}
    seen_slugs: dict[tuple[str, str], int] = {}
    limit_mb = settings.BULLETIN_INTERCHANGE_MAX_LINE_MB
    for number, text in numbered_lines(lines):
        if text is None:
            too_long = f"the line is longer than {limit_mb:g} MB"
            problems.append((number, f"{too_long} (BULLETIN_INTERCHANGE_MAX_LINE_MB)"))
            continue
        if not text.strip():
            continue
        record = check_line(number, text)
        if record.external_id:
            first = seen_ids.setdefault(record.external_id, number)
            if first != number:
                record.problems.append(
                    f"id {record.external_id!r} already on line {first}"
                )
        if record.fields.get("slug"):
            key = (str(record.fields["language"]), record.fields["slug"])
            first = seen_slugs.setdefault(key, number)
            if first != number:
                record.problems.append(f"slug {key[1]!r} already used on line {first}")
        problems.extend((number, why) for why in record.problems)
        records.append(record)
    if problems:
        raise LoadError(problems)
    return records
