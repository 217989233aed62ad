"""A small least-recently-used cache for one process, safe to share between threads.

The server runs several threads per worker process; a plain dict moved and trimmed by
two threads at once loses entries under the reader's feet (a KeyError now and then).
One lock makes each read-and-move and each insert-and-trim a single step.

It is on the page cache's hot path (every repeated public page is one `get`), so it
is an `OrderedDict` whose moves run in C, with the weights kept beside it: a hit is
one lookup and one move, about a tenth of what a general-purpose cache class costs.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class LocalLRU(Generic[V]):
    """At most `maxsize` entries (or that many units as weighed by `getsizeof`)."""

    def __init__(
        self, maxsize: int, getsizeof: Callable[[V], int] | None = None
    ) -> None:
        self.maxsize = maxsize
        self._lock = threading.Lock()
        self._weigh = getsizeof
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self.weight = 0  # the sum of the kept entries' weights

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def set(self, key: Hashable, value: V) -> None:
        weight = self._weigh(value) if self._weigh else 1
        if weight > self.maxsize:
            return  # larger than the whole cache: simply not kept
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.weight -= old[1]
            self._entries[key] = (value, weight)
            self.weight += weight
            while self.weight > self.maxsize:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.weight -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.weight = 0

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
