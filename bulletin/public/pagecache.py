"""Whole public pages served at the WSGI boundary, in front of Django's middleware.

`PageCacheApp` wraps the site's WSGI application. A repeated anonymous GET or HEAD of
a public page is answered from memory without entering Django: no middleware, no URL
routing, no SQL. The page's key is built from what its answer depends on: the content
state (see `bulletin.posts.state`, read without SQL), the day, the code version, the
scheme, host and path, the language cookie, the request headers the answer varies on,
and only the query parameters the view reads. A view declares those with
`reads_query` (`bulletin.posts.httpcache`); any other parameter (`utm_source`,
`fbclid`…) is removed before the view runs, so it neither changes the page nor makes
a new entry. What a path's view reads is learnt from its first answer.

Inside Django, `bulletin.public.keepable` strips the unread parameters and marks an
answer as a page that may be kept: 200, public, no cookie, not streamed. The boundary
keeps the final bytes and headers, with a gzipped copy (`bulletin.public.compression`),
in a bounded in-process LRU and in the shared cache (Redis on several app servers),
and answers a matching If-None-Match with 304. Concurrent first views of one page in
a process render it once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.utils.http import parse_etags

from bulletin.counts.middleware import count_cached
from bulletin.posts.localcache import LocalLRU
from bulletin.posts.state import cache_is_shared
from bulletin.public import pagekeys
from bulletin.public.compression import (
    accepts_gzip,
    compress,
    compressible,
    gzipped_headers,
    varying_on_encoding,
)
from bulletin.public.keepable import STORE
from bulletin.public.pagekeys import (
    Route,
    fresh_parts,
    hit_settings,
    is_anonymous,
    page_key,
    route_key,
    shared_key,
)

logger = logging.getLogger(__name__)

TIMEOUT = 3600
LOCAL_BYTES = 32 * 1024 * 1024  # per process
MAX_PAGE_BYTES = 2 * 1024 * 1024
# Headers that change per answer or that only the rendering process may send (a
# hit is given its own request id, see `PageCacheApp`).
DROPPED = {"server-timing", "set-cookie", "date", "x-request-id"}
# The only request headers a kept page may vary on (Django's locale middleware adds
# Accept-Language outside the language prefix).
VARY_KEPT = {"accept-language", "accept-encoding"}
WAIT_FOR_RENDER = 10.0


@dataclass(frozen=True)
class Page:
    """A kept answer, with what a hit sends worked out once, when it is kept."""

    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    # The same answer gzipped, for the requests that accept it (most do).
    gzipped: Page | None = None
    # The ETag without its weak mark: If-None-Match compares weakly.
    etag: str | None = field(init=False, default=None)
    not_modified_headers: tuple[tuple[str, str], ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        etag = next((v for k, v in self.headers if k.lower() == "etag"), None)
        object.__setattr__(self, "etag", etag.removeprefix("W/") if etag else None)
        object.__setattr__(
            self,
            "not_modified_headers",
            tuple(h for h in self.headers if h[0].lower() in NOT_MODIFIED_KEPT),
        )


NOT_MODIFIED_KEPT = {"etag", "last-modified", "cache-control", "vary", "expires"}
ROUTES_KEPT = 8192


def _weight(page: Page) -> int:
    forms = (page, page.gzipped) if page.gzipped else (page,)
    return sum(
        len(form.body) + sum(len(k) + len(v) + 64 for k, v in form.headers) + 512
        for form in forms
    )


_pages: LocalLRU[Page] = LocalLRU(LOCAL_BYTES, getsizeof=_weight)
_kept_under: list[tuple | None] = [None]  # the content state and day of `_pages`
# Routes are few (one per address) and only ever added: a plain dict, read without a
# lock (one dict lookup is atomic), emptied when it grows past ROUTES_KEPT.
_routes: dict[tuple[str, str, str], Route] = {}
_rendering: dict[tuple, threading.Event] = {}
_rendering_lock = threading.Lock()
# A repeated request's shortcut to its page's key: the request as it came (address,
# query, cookie header and the headers a page may vary on) → (token, day, key). It
# holds keys, not pages, so the LRU alone decides which pages stay; a plain dict
# (one lookup is atomic), emptied when it grows past SHORTCUTS_KEPT.
_shortcuts: dict[tuple, tuple[str, str, tuple]] = {}
SHORTCUTS_KEPT = 8192
SHORTCUT_CHARACTERS = 512  # 8,192 of them: a few MB at most


def forget_pages() -> None:
    """Drop this process's copies (tests roll content back under the same state)."""
    _pages.clear()
    _kept_under[0] = None
    _routes.clear()
    _shortcuts.clear()
    pagekeys.forget()


def _shared_cache() -> BaseCache | None:
    """The cache every process reads (Redis), or None when each has its own.

    An in-process cache would only hold a second, pickled copy of every page beside
    `_pages`, bounded in entries but not in bytes.
    """
    return cache if cache_is_shared() else None


def _shared_get(key: str):
    shared = _shared_cache()
    if shared is None:
        return None
    try:
        return shared.get(key)
    except Exception:  # the shared cache is down: serve from Django
        return None


def _shared_set(key: str, value, timeout: int | None) -> None:
    shared = _shared_cache()
    if shared is None:
        return
    try:
        shared.set(key, value, timeout=timeout)
    except Exception:
        logger.warning("The shared cache refused a page", exc_info=True)


def _find(key: tuple[str, ...]) -> Page | None:
    page = _pages.get(key)
    if page is None:
        page = _shared_get(shared_key("page", key))
        if page is not None:
            _pages.set(key, page)
    return page


def _find_route(route_id: tuple[str, str, str]) -> Route | None:
    route = _routes.get(route_id)
    if route is None:
        route = _shared_get(shared_key("route", route_id))
        if route is not None:
            _remember_route(route_id, route)
    return route


def _remember_route(route_id: tuple[str, str, str], route: Route) -> None:
    if len(_routes) >= ROUTES_KEPT:
        _routes.clear()
    _routes[route_id] = route


def _keep(route_id: tuple, route: Route, key: tuple, page: Page, fresh: tuple) -> None:
    """Keep a page made under `fresh`, the content state and day its key holds.

    Once they move on no request can find the pages kept before: they are let go
    then, instead of filling the LRU's bound with pages nobody can ask for.
    """
    _remember_route(route_id, route)
    _shared_set(shared_key("route", route_id), route, timeout=None)
    if fresh != fresh_parts():  # made under a state already gone
        return
    if fresh != _kept_under[0]:
        _pages.clear()
        _shortcuts.clear()
        _kept_under[0] = fresh
    _pages.set(key, page)
    _shared_set(shared_key("page", key), page, timeout=TIMEOUT)


def _as_received(environ: dict, config: pagekeys.Settings) -> tuple:
    """Everything of a request a kept page's key is worked out from, as it came."""
    get = environ.get
    return (
        get("wsgi.url_scheme"),
        get(config.proxy_ssl_header[0]) if config.proxy_ssl_header else None,
        get("HTTP_HOST") or get("SERVER_NAME"),
        get("PATH_INFO"),
        get("QUERY_STRING"),
        get("HTTP_COOKIE"),
        get("HTTP_ACCEPT_LANGUAGE"),
        get("HTTP_ACCEPT_ENCODING"),
    )


def _remember_shortcut(request: tuple, fresh: tuple[str, str], key: tuple) -> None:
    # Only short requests: a hit may carry any query or cookie, and the shortcuts
    # are bounded in count, so each must be small for them to be small in bytes.
    if sum(len(part) for part in request if part) > SHORTCUT_CHARACTERS:
        return
    if len(_shortcuts) >= SHORTCUTS_KEPT:
        _shortcuts.clear()
    _shortcuts[request] = (fresh[0], fresh[1], key)


def kept_page(status: str, headers: list[tuple[str, str]], body: bytes) -> Page:
    """The page kept for an answer: its headers a hit may repeat, and a gzipped copy
    when that is worth it."""
    kept = tuple((k, v) for k, v in headers if k.lower() not in DROPPED)
    if compressible(kept, body):
        packed = compress(body)
        if len(packed) < len(body):
            kept = varying_on_encoding(kept)
            gzipped = Page(status, gzipped_headers(kept, len(packed)), packed)
            return Page(status, kept, body, gzipped=gzipped)
    return Page(status, kept, body)


def _form(page: Page, environ: dict) -> Page:
    """The page as this request accepts it: gzipped when it says it can read that."""
    if page.gzipped is not None and accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING")):
        return page.gzipped
    return page


def _matches(etag: str | None, environ: dict) -> bool:
    if etag is None or "HTTP_IF_NONE_MATCH" not in environ:
        return False
    given = parse_etags(environ["HTTP_IF_NONE_MATCH"])
    return "*" in given or any(tag.removeprefix("W/") == etag for tag in given)


def _answer(
    page: Page,
    environ: dict,
    start_response: Callable,
    request_id: Callable[[dict], str | None] | None = None,
) -> list[bytes]:
    page = _form(page, environ)
    given = request_id(environ) if request_id else None
    extra = [("X-Request-ID", given)] if given else []
    if _matches(page.etag, environ):
        start_response("304 Not Modified", [*page.not_modified_headers, *extra])
        return []
    start_response(page.status, [*page.headers, *extra])
    return [] if environ["REQUEST_METHOD"] == "HEAD" else [page.body]


def _route_of(headers: list[tuple[str, str]], reads: tuple[str, ...]) -> Route | None:
    """The route learnt from a final answer, or None if it may not be kept."""
    values = {}
    for name, value in headers:
        values.setdefault(name.lower(), []).append(value)
    if "set-cookie" in values:
        return None
    directives = ",".join(values.get("cache-control", [])).lower()
    if (
        "public" not in directives
        or "private" in directives
        or "no-store" in directives
    ):
        return None
    vary = sorted(
        {
            v.strip().lower()
            for value in values.get("vary", [])
            for v in value.split(",")
        }
        - {""}
    )
    if not set(vary) <= VARY_KEPT:
        return None
    # Which form a request is sent is chosen at the hit (`_form`), from one entry:
    # keys split by every browser's Accept-Encoding would only repeat the page.
    return Route(reads=reads, vary=tuple(h for h in vary if h != "accept-encoding"))


class PageCacheApp:
    """The WSGI application with the page cache in front of it.

    A hit is a handful of dictionary lookups: the route of the address, the content
    state (remembered per process, see `content_state`), the page; then the headers
    and body kept with the page are handed to the server as they are.
    """

    def __init__(
        self,
        application: Callable,
        request_id: Callable[[dict], str | None] | None = None,
    ) -> None:
        self.application = application
        # A hit's X-Request-ID, if any (the kept page's was another request's).
        self.request_id = request_id

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if (method != "GET" and method != "HEAD") or "HTTP_AUTHORIZATION" in environ:
            return self.application(environ, start_response)
        config = hit_settings()
        # The shortcut: a request seen before, answered from the same kept page.
        request = _as_received(environ, config)
        fresh = fresh_parts()
        known = _shortcuts.get(request)
        if known is not None and known[0] == fresh[0] and known[1] == fresh[1]:
            page = _pages.get(known[2])
            if page is not None:
                return self._hit(page, environ, start_response)
        if not is_anonymous(environ, config):
            return self.application(environ, start_response)
        route_id = route_key(environ, config)
        route = _routes.get(route_id) or _find_route(route_id)
        key = page_key(environ, route_id, route, config, fresh) if route else None
        if key is not None:
            page = _find(key) or self._wait_for_other_render(key)
            if page is not None:
                _remember_shortcut(request, fresh, key)
                return self._hit(page, environ, start_response)
        return self._render(environ, start_response, route_id, key, fresh)

    def _hit(self, page: Page, environ: dict, start_response: Callable) -> list[bytes]:
        answer = _answer(page, environ, start_response, self.request_id)
        # Django never sees this request: count the reading here.
        count_cached(environ, 304 if answer == [] and page.body else 200)
        return answer

    def _wait_for_other_render(self, key: tuple) -> Page | None:
        with _rendering_lock:
            event = _rendering.get(key)
            if event is None:
                _rendering[key] = threading.Event()
                return None
        event.wait(WAIT_FOR_RENDER)
        return _find(key)

    def _render(
        self,
        environ: dict,
        start_response: Callable,
        route_id: tuple[str, str, str],
        key: tuple | None,
        fresh: tuple[str, str],
    ) -> Iterable[bytes]:
        captured: dict = {}
        pending: list[bytes] = []

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            # A page that may be kept: its headers wait until it is known whether
            # this request is sent the gzipped copy. Nothing has reached the server
            # yet, so an error's headers (exc_info) simply replace them, and the
            # bytes written before it are dropped (PEP 3333).
            if environ.get(STORE) is not None and environ["REQUEST_METHOD"] == "GET":
                if exc_info is not None:
                    pending.clear()
                return pending.append
            return start_response(status, headers, exc_info)

        try:
            result = self.application(environ, capture)
            reads = environ.get(STORE)
            if reads is None or environ["REQUEST_METHOD"] != "GET":
                return result
            try:
                body = b"".join([*pending, *result])
            finally:
                if hasattr(result, "close"):
                    result.close()
            status, headers = captured["status"], captured["headers"]
            route = _route_of(headers, tuple(reads))
            if (
                route is None
                or not status.startswith("200")
                or len(body) > MAX_PAGE_BYTES
            ):
                start_response(status, headers)
                return [body]
            page = kept_page(status, headers, body)
            kept_key = page_key(environ, route_id, route, fresh=fresh)
            _keep(route_id, route, kept_key, page, fresh)
            sent = _form(page, environ)
            # This answer's own Date, Server-Timing and request id go with it.
            own = [(k, v) for k, v in headers if k.lower() in DROPPED]
            start_response(status, [*sent.headers, *own])
            return [sent.body]
        finally:
            if key is not None:
                with _rendering_lock:
                    event = _rendering.pop(key, None)
                if event is not None:
                    event.set()
