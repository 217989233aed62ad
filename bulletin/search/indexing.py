"""Writing posts into the index: on every save (see signals.py) and all at once (reindex).

Every post is indexed whatever its state; who may see it is decided at query time by
`Post.objects.public()`, so a scheduled post appears at its time and a withdrawn one
disappears without the index being touched.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterable
from datetime import datetime

from django.core.cache import cache
from django.db import transaction

from bulletin.posts.models import Attachment, Post
from bulletin.search import facets
from bulletin.search.backends import IndexRow, get_backend
from bulletin.search.models import SearchEntry
from bulletin.search.text import words

logger = logging.getLogger(__name__)
# Told the number of posts done so far (a progress line).
Progress = Callable[[int], None]

# The key: seconds since 1970 in the high bits, the post id's low bits below.
ID_BITS = 22
# What is read of a post at most, in tokens, and of a PDF.
MAX_BODY_TOKENS = 20_000
MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 50
MAX_PDF_CHARS = 100_000


# A tag of sanitised HTML, its quoted attribute values included.
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def plain_text(body_html: str) -> str:
    """Readable text of sanitised body HTML (see posts.sanitize), tags as spaces."""
    return html.unescape(_TAG.sub(" ", body_html))


def pdf_text(attachment: Attachment) -> str:
    """The text of a PDF attachment, or "" when it cannot be read.

    Stored files are never rewritten (each upload gets a new random name), so the
    text is kept in the cache under the file's name: saving a post again does not
    read its PDFs again.
    """
    if attachment.content_type != "application/pdf" or attachment.size > MAX_PDF_BYTES:
        return ""
    key = f"search:pdftext:{attachment.file.name}"
    text = cache.get(key)
    if text is None:
        text = _read_pdf(attachment)
        cache.set(key, text, timeout=30 * 24 * 3600)
    return text


def _read_pdf(attachment: Attachment) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with attachment.file.open("rb") as handle:
            reader = PdfReader(handle)
            parts: list[str] = []
            length = 0
            for page in reader.pages[:MAX_PDF_PAGES]:
                text = page.extract_text() or ""
                parts.append(text)
                length += len(text)
                if length > MAX_PDF_CHARS:
                    break
    except (
        OSError,
        ValueError,
        PyPdfError,
        KeyError,
        TypeError,
        RecursionError,
    ) as error:
        # A damaged file must not stop the post from being saved.
        logger.warning(
            "Could not read the text of attachment %s: %s", attachment.pk, error
        )
        return ""
    return "\n".join(parts)[:MAX_PDF_CHARS]


def build_row(
    post: Post,
    key: int,
    attachments: Iterable[Attachment],
    topic_ids: Iterable[int] | None = None,
) -> IndexRow:
    """The words and facets of one post; `topic_ids` when known already (bulk)."""
    body: list[str] = []
    for text in (post.summary, plain_text(post.body), post.event_location):
        body.extend(words(text))
    for attachment in attachments:
        body.extend(words(attachment.title))
        body.extend(words(pdf_text(attachment)))
    return IndexRow(
        key=key,
        post_id=post.pk,
        title=words(post.title),
        body=body[:MAX_BODY_TOKENS],
        facets=facets.of_post(post, topic_ids),
    )


def rank_key(post: Post) -> int:
    """Newer posts get higher keys; drafts have no publication time and rank by update."""
    when = post.published_at or post.updated_at or post.created_at
    return (int(when.timestamp()) << ID_BITS) | (post.pk & ((1 << ID_BITS) - 1))


def key_after(when: datetime) -> int:
    """A key above that of every post published at or before `when`."""
    return (int(when.timestamp()) + 1) << ID_BITS


def _free_key(key: int) -> int:
    # Two posts in the same second whose ids agree in their low bits: step down.
    while SearchEntry.objects.filter(key=key).exists():
        key -= 1
    return key


def index_post(post: Post) -> None:
    """Write (or rewrite) one post's entry, in the caller's transaction."""
    backend = get_backend()
    with transaction.atomic():
        entry = SearchEntry.objects.filter(post_id=post.pk).first()
        wanted = rank_key(post)
        if entry is not None:
            backend.delete([entry.key])
            if entry.key != wanted:
                entry.key = _free_key(wanted)
                entry.save(update_fields=["key"])
        else:
            entry = SearchEntry.objects.create(post_id=post.pk, key=_free_key(wanted))
        backend.write([build_row(post, entry.key, post.attachments.all())])


def unindex_post(post_id: int) -> None:
    entry = SearchEntry.objects.filter(post_id=post_id).first()
    if entry is not None:
        get_backend().delete([entry.key])
        entry.delete()


def free_keys(wanted: list[int]) -> list[int]:
    """Keys for new entries, in order: each the wanted one, or the next free below it.

    Each avoids every key already taken, those given before it included, exactly as
    saving the posts one after the other would.
    """
    taken = set(
        SearchEntry.objects.filter(key__in=wanted).values_list("key", flat=True)
    )
    keys = []
    for first in wanted:
        key = first
        while key in taken or (
            key != first and SearchEntry.objects.filter(key=key).exists()
        ):
            key -= 1
        taken.add(key)
        keys.append(key)
    return keys


def index_new_posts(
    posts: list[Post],
    topics: dict[int, list[int]],
    attachments: dict[int, list[Attachment]],
) -> None:
    """Index posts that have no entry yet, in one go, as `index_post` would one by one."""
    if not posts:
        return
    keys = free_keys([rank_key(post) for post in posts])
    rows = [
        build_row(
            post,
            key,
            attachments_in_order(attachments.get(post.pk, ())),
            topics.get(post.pk, ()),
        )
        for post, key in zip(posts, keys, strict=True)
    ]
    get_backend().insert(rows)


def attachments_in_order(files: Iterable[Attachment]) -> list[Attachment]:
    return sorted(files, key=lambda a: (a.position, a.pk))


# What indexing reads of a post (see build_row and rank_key).
INDEXED_FIELDS = (
    "title", "summary", "body", "event_location", "language", "kind",
    "published_at", "updated_at", "created_at",
)  # fmt: skip


def reindex(
    batch: int = 2000, progress: Progress | None = None, workers: int = 1
) -> int:
    """Rebuild the whole index from the posts; return the count (see `rebuild`)."""
    from bulletin.search.rebuild import rebuild

    return rebuild(batch=batch, progress=progress, workers=workers)
