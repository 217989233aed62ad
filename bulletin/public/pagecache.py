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

Inside Django, `PublicPageCacheMiddleware` strips the unread parameters and marks an
answer as a page that may be kept: 200, public, no cookie, not streamed. The boundary
keeps the final bytes and headers, in a bounded in-process LRU and in the shared
cache (Redis on several app servers), and answers a matching If-None-Match with 304.
Concurrent first views of one page in a process render it once.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase, QueryDict
from django.utils.http import parse_etags

from bulletin.counts.middleware import count_cached
from bulletin.posts import clock
from bulletin.posts.httpcache import CODE_VERSION
from bulletin.posts.localcache import LocalLRU
from bulletin.posts.state import content_state

logger = logging.getLogger(__name__)

# Set by the middleware on the WSGI environ: the parameters the view reads, or
# EVERY_PARAMETER when it did not say (then the whole query is part of the key).
STORE = "bulletin.page_cache.reads"
EVERY_PARAMETER = ("*",)
TIMEOUT = 3600
LOCAL_BYTES = 32 * 1024 * 1024  # per process
MAX_PAGE_BYTES = 2 * 1024 * 1024
# Headers that change per answer or that only the rendering process may send.
DROPPED = {"server-timing", "set-cookie", "date"}
# The only request headers a kept page may vary on (Django's locale middleware adds
# Accept-Language outside the language prefix).
VARY_KEPT = {"accept-language", "accept-encoding"}
WAIT_FOR_RENDER = 10.0


@dataclass(frozen=True)
class Route:
    """What the answers at one address depend on, besides the content state."""

    reads: tuple[str, ...]
    vary: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def etag(self) -> str | None:
        return next((v for k, v in self.headers if k.lower() == "etag"), None)


_pages: LocalLRU[Page] = LocalLRU(LOCAL_BYTES, getsizeof=lambda p: len(p.body) + 1024)
_routes: LocalLRU[Route] = LocalLRU(8192)
_rendering: dict[str, threading.Event] = {}
_rendering_lock = threading.Lock()


def forget_pages() -> None:
    """Drop this process's copies (tests roll content back under the same state)."""
    _pages.clear()
    _routes.clear()


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def _scheme(environ: dict) -> str:
    header = settings.SECURE_PROXY_SSL_HEADER
    if header and environ.get(header[0]) == header[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def _is_anonymous(environ: dict) -> bool:
    cookies = environ.get("HTTP_COOKIE", "")
    return "HTTP_AUTHORIZATION" not in environ and (
        settings.SESSION_COOKIE_NAME not in cookies
    )


def _language_cookie(environ: dict) -> str:
    raw = environ.get("HTTP_COOKIE", "")
    if settings.LANGUAGE_COOKIE_NAME not in raw:
        return ""
    try:
        morsel = SimpleCookie(raw).get(settings.LANGUAGE_COOKIE_NAME)
    except Exception:  # a malformed cookie header: Django will judge it
        return raw
    return morsel.value if morsel else ""


def route_key(environ: dict) -> str:
    return _digest(
        CODE_VERSION,
        _scheme(environ),
        environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""),
        environ.get("PATH_INFO", ""),
    )


def page_key(environ: dict, route_id: str, route: Route) -> str:
    query = environ.get("QUERY_STRING", "")
    if route.reads == EVERY_PARAMETER:
        wanted = query
    else:
        given = dict(parse_qsl(query, keep_blank_values=True))
        wanted = urlencode([(name, given.get(name, "")) for name in route.reads])
    varied = [
        environ.get("HTTP_" + h.upper().replace("-", "_"), "") for h in route.vary
    ]
    return _digest(
        route_id,
        content_state().token,
        clock.now().date().isoformat(),
        wanted,
        _language_cookie(environ),
        *varied,
    )


def _shared_get(key: str):
    try:
        return cache.get(key)
    except Exception:  # the shared cache is down: serve from Django
        return None


def _shared_set(key: str, value, timeout: int | None) -> None:
    try:
        cache.set(key, value, timeout=timeout)
    except Exception:
        logger.warning("The shared cache refused a page", exc_info=True)


def _find(key: str) -> Page | None:
    page = _pages.get(key)
    if page is None:
        page = _shared_get(f"page:{key}")
        if page is not None:
            _pages.set(key, page)
    return page


def _find_route(route_id: str) -> Route | None:
    route = _routes.get(route_id)
    if route is None:
        route = _shared_get(f"route:{route_id}")
        if route is not None:
            _routes.set(route_id, route)
    return route


def _keep(route_id: str, route: Route, key: str, page: Page) -> None:
    _routes.set(route_id, route)
    _shared_set(f"route:{route_id}", route, timeout=None)
    _pages.set(key, page)
    _shared_set(f"page:{key}", page, timeout=TIMEOUT)


def _answer(page: Page, environ: dict, start_response: Callable) -> Iterable[bytes]:
    etag = page.etag
    if etag and etag in parse_etags(environ.get("HTTP_IF_NONE_MATCH", "")):
        kept = {"etag", "last-modified", "cache-control", "vary", "expires"}
        start_response(
            "304 Not Modified", [h for h in page.headers if h[0].lower() in kept]
        )
        return []
    start_response(page.status, list(page.headers))
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
    return Route(reads=reads, vary=tuple(vary))


class PageCacheApp:
    """The WSGI application with the page cache in front of it."""

    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or not _is_anonymous(
            environ
        ):
            return self.application(environ, start_response)
        route_id = route_key(environ)
        route = _find_route(route_id)
        key = page_key(environ, route_id, route) if route else None
        if key is not None:
            page = _find(key) or self._wait_for_other_render(key)
            if page is not None:
                answer = _answer(page, environ, start_response)
                # Django never sees this request: count the reading here.
                count_cached(environ, 304 if answer == [] and page.body else 200)
                return answer
        return self._render(environ, start_response, route_id, key)

    def _wait_for_other_render(self, key: str) -> Page | None:
        with _rendering_lock:
            event = _rendering.get(key)
            if event is None:
                _rendering[key] = threading.Event()
                return None
        event.wait(WAIT_FOR_RENDER)
        return _find(key)

    def _render(
        self, environ: dict, start_response: Callable, route_id: str, key: str | None
    ) -> Iterable[bytes]:
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            captured.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        try:
            result = self.application(environ, capture)
            reads = environ.get(STORE)
            if reads is None or environ["REQUEST_METHOD"] != "GET":
                return result
            chunks = []
            try:
                chunks = list(result)
            finally:
                if hasattr(result, "close"):
                    result.close()
            body = b"".join(chunks)
            route = _route_of(captured.get("headers", []), tuple(reads))
            if (
                route is not None
                and captured.get("status", "").startswith("200")
                and len(body) <= MAX_PAGE_BYTES
            ):
                page = Page(
                    status=captured["status"],
                    headers=tuple(
                        (k, v)
                        for k, v in captured["headers"]
                        if k.lower() not in DROPPED
                    ),
                    body=body,
                )
                _keep(route_id, route, page_key(environ, route_id, route), page)
            return [body]
        finally:
            if key is not None:
                with _rendering_lock:
                    event = _rendering.pop(key, None)
                if event is not None:
                    event.set()


def keep_only_read_parameters(request: HttpRequest, view_func: Callable) -> tuple:
    """Remove the query parameters the view does not read; return those it does."""
    reads = getattr(view_func, "reads_query", None)
    if reads is None:
        return EVERY_PARAMETER
    if any(name not in reads for name in request.GET):
        kept = QueryDict(mutable=True)
        for name in sorted(reads):
            if name in request.GET:
                kept.setlist(name, request.GET.getlist(name))
        kept._mutable = False
        request.GET = kept
        request.META["QUERY_STRING"] = kept.urlencode()
    return tuple(sorted(reads))


class PublicPageCacheMiddleware:
    """Inside Django: mark the answers that the page cache may keep.

    Place it after `PublicCacheMiddleware` and as near the end of MIDDLEWARE as
    possible, so it sees the view's own answer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        reads = getattr(request, "_page_reads", None)
        if reads is not None and self._storable(response):
            request.environ[STORE] = reads
        return response

    @staticmethod
    def _storable(response: HttpResponseBase) -> bool:
        directives = response.get("Cache-Control", "").lower()
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in directives
            and "no-store" not in directives
        )
