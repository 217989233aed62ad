"""Rebuilding the whole index (`bulletin reindex`), in one transaction.

Posts are read a batch at a time by id, with their topics and files, and written with
the same bulk path new posts take, so the index is the one saving every post again
would give. One transaction: readers search the old index until the new one is
complete.

Making the words (`text.words`, then each backend's own form of them) is most of the
work, about two thirds of it at a million posts. On PostgreSQL, outside a
transaction, `workers` processes read and prepare batches side by side while this
one gives keys and writes, in id order: the same index as one process makes.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace

from django.db import connection, connections, transaction

from bulletin.posts.models import Attachment, Post
from bulletin.search.backends import IndexRow, get_backend
from bulletin.search.indexing import (
    INDEXED_FIELDS,
    Progress,
    attachments_in_order,
    build_row,
    free_keys,
    rank_key,
)
from bulletin.search.models import SearchEntry

# A batch: posts with ids above the first and up to the second (None: no end).
Span = tuple[int, int | None]


def rebuild(
    batch: int = 2000, progress: Progress | None = None, workers: int = 1
) -> int:
    """Rebuild the index from every post; return how many were indexed."""
    backend = get_backend()
    parallel = (
        workers > 1
        and connection.vendor == "postgresql"
        and not connection.in_atomic_block
    )
    count = 0
    with ExitStack() as stack:
        if parallel:
            connections.close_all()  # a forked worker must open its own connection
            pool = stack.enter_context(
                multiprocessing.get_context("fork").Pool(workers)
            )
            batches = _in_parallel(pool, workers, _spans(batch))
        else:
            batches = map(prepared_batch, _spans(batch))
        with transaction.atomic():
            backend.clear()
            SearchEntry.objects.all().delete()
            for rows in batches:
                if not rows:
                    continue
                keys = free_keys([row.key for row in rows])
                backend.insert(
                    [
                        row if row.key == key else replace(row, key=key)
                        for row, key in zip(rows, keys, strict=True)
                    ]
                )
                count += len(rows)
                if progress is not None:
                    progress(count)
    if not connection.in_atomic_block:
        backend.after_rebuild()
    return count


def _spans(size: int) -> Iterator[Span]:
    """Id ranges of `size` posts each, the last one open (posts added meanwhile)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n "
            "FROM posts_post) numbered WHERE n %% %s = 0 ORDER BY id",
            [size],
        )
        ends = [row[0] for row in cursor.fetchall()]
    after = 0
    for end in ends:
        yield after, end
        after = end
    yield after, None


def prepared_batch(span: Span) -> list[IndexRow]:
    """The rows of the posts of `span`, in id order, each under the key it asks for
    and in its backend's own form (see `Backend.prepare`)."""
    after, end = span
    posts = Post.objects.filter(pk__gt=after)
    if end is not None:
        posts = posts.filter(pk__lte=end)
    posts = list(posts.order_by("pk").only(*INDEXED_FIELDS))
    if not posts:
        return []
    within = {"post_id__gt": after, "post_id__lte": posts[-1].pk}
    topics: dict[int, list[int]] = {}
    links = Post.topics.through.objects.filter(**within).values_list(
        "post_id", "topic_id"
    )
    for post_id, topic_id in links:
        topics.setdefault(post_id, []).append(topic_id)
    files: dict[int, list[Attachment]] = {}
    for attachment in Attachment.objects.filter(**within):
        files.setdefault(attachment.post_id, []).append(attachment)
    backend = get_backend()
    return [
        backend.prepare(
            build_row(
                post,
                rank_key(post),
                attachments_in_order(files.get(post.pk, ())),
                topics.get(post.pk, ()),
            )
        )
        for post in posts
    ]


def _in_parallel(pool, workers: int, spans: Iterator[Span]) -> Iterator[list[IndexRow]]:
    """Batches prepared by the pool, in order; at most a few wait at any time, so
    memory stays that of a few batches."""
    pending: deque = deque()
    for span in spans:
        pending.append(pool.apply_async(prepared_batch, (span,)))
        while len(pending) > workers:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()
