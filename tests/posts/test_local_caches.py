"""The in-process caches stay consistent when many threads read and evict at once.

Under the default server (gthread, several threads per worker) the list's page keys
and the page cache are read and written by threads of one process together; an entry
evicted by one thread between another's read and its move to the front once raised
KeyError. These tests hammer them from threads with a small capacity, so evictions
race with reads all the time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime

from bulletin.posts import pageindex
from bulletin.posts.listing import PostList, page_keys
from bulletin.posts.localcache import LocalLRU
from bulletin.posts.pageindex import PageIndex
from bulletin.posts.state import ContentState
from bulletin.public import pagecache, pagekeys

THREADS = 8
ROUNDS = 500


def _yield_after_each_builtin(frame, event, arg) -> None:
    # Give the other threads a turn after every call into C (dict reads and moves
    # included): the interleavings a busy server produces now and then, every time.
    if event == "c_return":
        time.sleep(0)


def hammer(work: Callable[[int, int], None]) -> list[BaseException]:
    """Run `work(thread, round)` from many threads; return what they raised."""
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def run(thread: int) -> None:
        start.wait()
        try:
            for n in range(ROUNDS):
                work(thread, n)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(t,)) for t in range(THREADS)]
    threading.setprofile(_yield_after_each_builtin)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        threading.setprofile(None)
    return errors


class SharedCache(dict):
    """The shared cache's interface without its own lock, so only ours is tested."""

    def set(self, key, value, timeout=None) -> None:
        self[key] = value


def test_page_keys_of_many_lists_are_read_from_threads_without_errors(monkeypatch):
    monkeypatch.setattr(pageindex, "_recent", LocalLRU(4))
    monkeypatch.setattr(pageindex, "cache", shared := SharedCache())
    monkeypatch.setattr(pageindex, "cache_is_shared", lambda: True)
    state = ContentState(version=1, valid_until=None)
    lists = [PostList(language=f"l{n}") for n in range(6)]
    for n, post_list in enumerate(lists):
        # Already in the shared cache, so no thread needs the database.
        shared.set(
            pageindex.index_key(post_list),
            PageIndex(
                token=state.token,
                version=1,
                counted_at=datetime(2026, 1, 1, tzinfo=UTC),
                by_day={date(2025, 12, 31): n},
            ),
        )

    def work(thread: int, n: int) -> None:
        post_list = lists[(thread * 7 + n) % len(lists)]
        assert page_keys(post_list, state).count == lists.index(post_list)

    assert hammer(work) == []


def test_pages_are_looked_up_and_kept_from_threads_without_errors(monkeypatch):
    monkeypatch.setattr(pagecache, "_pages", LocalLRU(4))
    monkeypatch.setattr(pagecache, "_shared_cache", lambda: shared)
    shared = SharedCache()
    keys = [("http", "localhost", f"/{n}/") for n in range(6)]
    for n, key in enumerate(keys):
        shared.set(
            pagekeys.shared_key("page", key),
            pagecache.Page("200 OK", (), str(n).encode()),
        )

    def work(thread: int, n: int) -> None:
        index = (thread * 7 + n) % len(keys)
        assert pagecache._find(keys[index]).body == str(index).encode()

    assert hammer(work) == []


def test_the_cache_never_holds_more_than_its_bound():
    pages = LocalLRU(100, getsizeof=len)
    for n in range(50):
        pages.set(f"page{n}", "x" * (n % 30 + 1))
        assert pages.weight <= 100
    assert pages.get("page49") is not None  # the newest stays
    assert pages.get("page0") is None  # the oldest went
    pages.set("huge", "x" * 101)  # larger than the whole cache: not kept
    assert pages.get("huge") is None and pages.weight <= 100


def test_a_read_keeps_an_entry_from_being_the_next_to_go():
    entries = LocalLRU(3)
    for key in "abc":
        entries.set(key, key)
    entries.get("a")
    entries.set("d", "d")
    assert [entries.get(k) for k in "abcd"] == ["a", None, "c", "d"]
