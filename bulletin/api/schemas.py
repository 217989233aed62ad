"""The shapes of the API's answers; their descriptions become the OpenAPI document."""

from __future__ import annotations

import enum
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Annotated, Any
from uuid import UUID

from django.conf import settings
from ninja import Field, Schema
from pydantic import BeforeValidator

from bulletin.posts.models import Kind
from bulletin.posts.zones import time_zone_names

Language = enum.StrEnum("Language", {code: code for code, _name in settings.LANGUAGES})
# Only IANA names: the document says so, and a client can check it.
TimeZoneName = enum.StrEnum(
    "TimeZoneName", {name: name for name in sorted(time_zone_names())}
)

# A full date and time (RFC 3339, the usual profile of ISO 8601); the offset may be
# left out, and then UTC is meant.
_DATETIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?"
    r"(Z|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE | re.ASCII,
)
_EARLIEST = datetime.min.replace(tzinfo=UTC)
_LATEST = datetime.max.replace(tzinfo=UTC)


def _offset(text: str | None) -> tzinfo:
    if text is None or text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _strict_datetime(value: Any) -> datetime:
    message = (
        "must be an ISO 8601 date and time such as 2026-06-01T09:30:00Z "
        "(without an offset, UTC is meant)"
    )
    match = _DATETIME.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(message)
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    try:
        parsed = datetime(
            # Year 0 and a leap second are valid RFC 3339 but not Python datetimes;
            # year 1 and second 59 select the same posts.
            max(int(year), 1),
            int(month),
            int(day),
            int(hour),
            int(minute),
            min(int(second or 0), 59),
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=_offset(offset),
        )
    except ValueError as error:
        raise ValueError(message) from error
    try:
        return parsed.astimezone(UTC)
    except OverflowError:
        # Within a day of either end of the calendar, UTC falls outside it.
        return _EARLIEST if parsed.year == 1 else _LATEST


IsoDatetime = Annotated[datetime, BeforeValidator(_strict_datetime)]


DEFAULT_LIMIT = 20
MAX_LIMIT = 100


class PostFilters(Schema):
    kind: Kind | None = Field(None, description="Only posts of this kind.")
    topic: str | None = Field(
        None, max_length=100, description="Only posts with this topic (its slug)."
    )
    language: Language | None = Field(None, description="Only posts in this language.")
    updated_since: IsoDatetime | None = Field(
        None,
        description="Only posts published or updated at or after this time (ISO 8601; "
        "without an offset, UTC is meant). The list is then ordered by `updated_at`, "
        "oldest first, so a client can sync by following `next`.",
    )
    cursor: str | None = Field(
        None,
        max_length=500,
        description="Continue a list from the `next_cursor` of its last page.",
    )
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Posts per page (1–100)."
    )


class TopicRef(Schema):
    id: int
    slug: str
    name: str = Field(description="The topic's name in the post's language.")


class AttachmentOut(Schema):
    id: int
    title: str
    filename: str
    content_type: str = Field(description="The file's media type, checked on upload.")
    size: int = Field(description="Size in bytes.")
    url: str = Field(
        description="Where to download the file; it is served only while the post is "
        "public."
    )


class ChangeNoteOut(Schema):
    noted_at: datetime
    note: str


class EventOut(Schema):
    start: datetime | None
    end: datetime | None
    timezone: TimeZoneName = Field(
        description="The IANA time zone the event is held in (the site's when none "
        "was chosen); `start` and `end` are shown on its clock on the site."
    )
    location: str
    online_url: str


class PostOut(Schema):
    id: int
    url: str = Field(description="The post's page on the site.")
    kind: Kind
    language: Language
    translation_group: UUID = Field(
        description="Shared by the translations of one post."
    )
    title: str
    slug: str
    summary: str
    body: str = Field(description="The body as sanitised HTML.")
    published_at: datetime
    updated_at: datetime = Field(
        description="When the post last changed as the public sees it: its last "
        "recorded update or its publication, whichever is later."
    )
    expires_at: datetime | None = Field(
        description="Notices: when the notice leaves the site's default list."
    )
    pinned_until: datetime | None = Field(
        description="Notices: kept on top of the site's list until then."
    )
    event: EventOut | None = Field(description="Event announcements only.")
    topics: list[TopicRef]
    attachments: list[AttachmentOut]
    change_notes: list[ChangeNoteOut] = Field(description="Newest first.")


class PostPage(Schema):
    results: list[PostOut]
    next: str | None = Field(
        description="The address of the next page, or null on the last page."
    )
    next_cursor: str | None = Field(
        description="The opaque cursor in `next`, for clients that build addresses."
    )


class TopicOut(Schema):
    id: int
    slug: str
    name: str = Field(description="The topic's name in the site's language.")
    names: dict[str, str] = Field(
        description="The topic's name in each language of the site (language code "
        "to name); a language without a name of its own has the site's."
    )
    description: str
    post_count: int = Field(description="How many public posts carry the topic.")
    url: str = Field(description="The topic's list on the site.")
    posts: str = Field(description="The API address of the topic's posts.")


class TopicList(Schema):
    results: list[TopicOut]


class Error(Schema):
    detail: str


class ValidationErrors(Schema):
    detail: list[dict[str, Any]] = Field(
        description="One entry per rejected parameter: where (`loc`) and why (`msg`)."
    )
