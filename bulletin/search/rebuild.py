"""Rebuilding the whole index (`bulletin reindex`), in one transaction.

Posts are read a batch at a time, with their topics and files, and written with the
same bulk path new posts take, so the index holds what saving every post again would
give. One transaction: readers search the old index until the new one is complete.

Entries are written in rank order (newest publication last), so the tables lie on
disk in about the order searches read them (PostgreSQL puts a row into space an
earlier page has free before it extends the table: after 300 seeded posts, 3 rows of
300 lie out of place, and after a third of them were edited and the table vacuumed,
1): a common word is found by walking keys from the newest down, and with rows in
key order that walk reads each page once instead of a page per row (30 times fewer
pages at a million seeded posts, whose ids and publication times do not go
together). A site's new posts arrive in that order anyway.

Making the words (`text.words`, then each backend's own form of them) is most of the
work, about two thirds of it at a million posts. On PostgreSQL, outside a
transaction, `workers` processes read and prepare batches side by side while this
one gives keys and writes, in rank order: the same index as one process makes.
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

# A batch: the ids of its posts, in rank order.
Span = list[int]
# What rank order is read by: the moment of `indexing.rank_key`, then the id.
RANK_ORDER = (
    "SELECT id FROM posts_post "
    "ORDER BY coalesce(published_at, updated_at, created_at), id"
)


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
    """Ids of every post in rank order, `size` at a time (8 MB at a million posts)."""
    with connection.cursor() as cursor:
        cursor.execute(RANK_ORDER)
        ids = [row[0] for row in cursor.fetchall()]
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
    # Posts added since, last (they are the newest anyway).
    later = Post.objects.filter(pk__gt=max(ids, default=0)).order_by("pk")
    yield list(later.values_list("pk", flat=True))


def prepared_batch(span: Span) -> list[IndexRow]:
    """The rows of the posts of `span`, in its order, each under the key it asks
    for and in its backend's own form (see `Backend.prepare`)."""
    backend = get_backend()
    ids = backend.id_list(span)
    found = Post.objects.filter(pk__in=ids).only(*INDEXED_FIELDS).in_bulk()
    topics: dict[int, list[int]] = {}
    links = Post.topics.through.objects.filter(post_id__in=ids).values_list(
        "post_id", "topic_id"
    )
    for post_id, topic_id in links:
        topics.setdefault(post_id, []).append(topic_id)
    files: dict[int, list[Attachment]] = {}
    for attachment in Attachment.objects.filter(post_id__in=ids):
        files.setdefault(attachment.post_id, []).append(attachment)
    # A post deleted since the ids were read is left out.
    posts = [found[post_id] for post_id in span if post_id in found]
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
