"""A small least-recently-used cache for one process, safe to share between threads.

The server runs several threads per worker process; a plain dict moved and trimmed by
two threads at once loses entries under the reader's feet (a KeyError now and then).
`cachetools.LRUCache` does the bookkeeping, and one lock makes each read-and-move and
each insert-and-trim a single step.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from cachetools import LRUCache

V = TypeVar("V")


class LocalLRU(Generic[V]):
    """At most `maxsize` entries (or that many units as weighed by `getsizeof`)."""

    def __init__(
        self, maxsize: int, getsizeof: Callable[[V], int] | None = None
    ) -> None:
        self._lock = threading.Lock()
        self._entries: LRUCache = LRUCache(maxsize=maxsize, getsizeof=getsizeof)

    def get(self, key: str) -> V | None:
        with self._lock:
            return self._entries.get(key)

    def set(self, key: str, value: V) -> None:
        # A value larger than the whole cache is simply not kept.
        with self._lock, contextlib.suppress(ValueError):
            self._entries[key] = value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
