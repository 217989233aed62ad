"""Reader counts held in the cache between requests and written in batches.

A request only increments a counter in the cache (`record()`); `flush()` adds the
counters to the database, a few rows per batch. The job runner flushes every round
(bulletin/scheduling/worker.py), which reaches every web process when the cache is
shared (Redis). With the default in-process cache each web process also flushes its
own counters, at most once a minute (`flush_if_due()`).

Counters live in numbered generations. `flush()` opens a new generation and drains
the two before it: a request that read the old number just before the switch adds
to the closed generation, which the next flush drains again, so nothing is lost.
"""

from __future__ import annotations

import threading
import time

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models import F

from bulletin.counts.models import AttachmentDownloads, PostViews
from bulletin.posts.models import Post

GENERATION = "counts:generation"
TIMEOUT = 7 * 24 * 3600
LOCAL_FLUSH_SECONDS = 60
_last_local_flush = [time.monotonic()]
_lock = threading.Lock()


def _generation() -> int:
    return cache.get_or_set(GENERATION, 2, TIMEOUT)


def record(subject: str) -> None:
    """Count one reading of `subject`: "p:<language>:<slug>" or "a:<attachment id>"."""
    generation = _generation()
    key = f"counts:{generation}:{subject}"
    if cache.add(key, 1, TIMEOUT):
        # The first count of this subject in this generation: list it for flush().
        slots = f"counts:{generation}:slots"
        cache.add(slots, 0, TIMEOUT)
        slot = cache.incr(slots)
        cache.set(f"counts:{generation}:slot:{slot}", subject, TIMEOUT)
    else:
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr(): count it anew
            cache.add(key, 1, TIMEOUT)


def _drain(generation: int) -> dict[str, int]:
    slots = cache.get(f"counts:{generation}:slots") or 0
    slot_keys = [f"counts:{generation}:slot:{n}" for n in range(1, slots + 1)]
    subjects = [s for s in cache.get_many(slot_keys).values() if s]
    count_keys = {f"counts:{generation}:{s}": s for s in subjects}
    counts = {count_keys[k]: v for k, v in cache.get_many(list(count_keys)).items()}
    cache.delete_many([*slot_keys, *count_keys, f"counts:{generation}:slots"])
    return {subject: n for subject, n in counts.items() if n}


def _add_views(counts: dict[tuple[str, str], int]) -> None:
    by_language: dict[str, list[str]] = {}
    for language, slug in counts:
        by_language.setdefault(language, []).append(slug)
    ids = {}
    for language, slugs in by_language.items():
        for pk, slug in Post.objects.filter(
            language=language, slug__in=slugs
        ).values_list("pk", "slug"):
            ids[pk] = counts[(language, slug)]
    _add(PostViews, "post_id", "views", ids)


def _add(model, key: str, field: str, amounts: dict[int, int]) -> None:
    existing = set(
        model.objects.filter(**{f"{key}__in": amounts}).values_list(key, flat=True)
    )
    for pk in existing:
        model.objects.filter(**{key: pk}).update(**{field: F(field) + amounts[pk]})
    model.objects.bulk_create(
        [
            model(**{key: pk, field: n})
            for pk, n in amounts.items()
            if pk not in existing
        ],
        ignore_conflicts=True,
    )


def flush() -> int:
    """Write what the cache holds to the database; answer how many readings."""
    with _lock:
        try:
            current = cache.incr(GENERATION)
        except ValueError:
            cache.add(GENERATION, 2, TIMEOUT)
            current = 2
        counts = _drain(current - 1)
        # Stragglers: counts added to the generation closed by the previous flush.
        for subject, n in _drain(current - 2).items():
            counts[subject] = counts.get(subject, 0) + n
    views: dict[tuple[str, str], int] = {}
    downloads: dict[int, int] = {}
    for subject, n in counts.items():
        kind, _, rest = subject.partition(":")
        if kind == "p":
            language, _, slug = rest.partition(":")
            views[(language, slug)] = views.get((language, slug), 0) + n
        elif kind == "a" and rest.isdigit():
            downloads[int(rest)] = downloads.get(int(rest), 0) + n
    with transaction.atomic():
        if views:
            _add_views(views)
        if downloads:
            _add(AttachmentDownloads, "attachment_id", "downloads", downloads)
    return sum(counts.values())


def cache_is_per_process() -> bool:
    return isinstance(caches["default"], LocMemCache)


def flush_if_due() -> None:
    """In a process whose cache no other process sees, flush once a minute."""
    if not cache_is_per_process():
        return
    now = time.monotonic()
    if now - _last_local_flush[0] < LOCAL_FLUSH_SECONDS:
        return
    _last_local_flush[0] = now
    flush()
