"""The shape every importer produces: one post of another site, ready to write."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.conf import settings

# A link whose path ends so is a document to bring over with the post (every
# importer asks the same; HWP, common on Korean boards, is then refused by the upload
# check and named in the report, so the operator knows the post still links it).
DOCUMENT_EXTENSIONS = (
    ".pdf",
    ".docx",
    ".xlsx",
    ".pptx",
    ".odt",
    ".ods",
    ".odp",
    ".csv",
    ".txt",
    ".hwp",
)


@dataclass
class FileRef:
    """A file the post needs: fetched from `url`, or read from `path` when given.

    `in_body` is the address the body uses for it (an <img src> or <a href>), which
    is pointed at the stored file (an attachment, or a library image for an <img>).
    """

    url: str
    title: str = ""
    path: str = ""
    in_body: str = ""
    is_image: bool = False  # shown by an <img> in the body: a media-library image


@dataclass
class Item:
    source: str
    source_id: str
    title: str
    body_html: str = ""
    summary: str = ""
    slug: str = ""
    kind: str = "news"
    status: str = "published"
    language: str = ""
    published_at: datetime | None = None
    pinned: bool = False
    topics: list[str] = field(default_factory=list)
    author: dict[str, str] | None = None  # login, email, first_name, last_name
    old_urls: list[str] = field(default_factory=list)
    files: list[FileRef] = field(default_factory=list)
    source_url: str = ""
    notes: list[str] = field(default_factory=list)

    def fingerprint(self) -> str:
        """Changes whenever anything the post is made from changes."""
        data = asdict(self)
        data["published_at"] = (
            self.published_at.isoformat() if self.published_at else None
        )
        data.pop("notes")
        raw = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(raw.encode()).hexdigest()


@dataclass
class Skip:
    """An item of the source that is not imported, and why."""

    source_id: str
    title: str
    reason: str


def site_language(code: str) -> str:
    """The offered language a source's code names ("en-US" → "en"), or ""."""
    offered = dict(settings.LANGUAGES)
    code = (code or "").lower()
    candidates = [code, code.split("-")[0], "zh-hans" if code.startswith("zh") else ""]
    return next((c for c in candidates if c and c in offered), "")
