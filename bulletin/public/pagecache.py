"""Whole public responses kept in the cache under their ETag.

`PublicCacheMiddleware` (caching.py) gives every shareable public request an ETag built
from the content state, the day, the code version and the address. The same value
names the rendered response here, so a repeated request costs one small query (the
content version) and a cache lookup: close to serving a static file. A change of
content or a scheduled transition changes the ETag, so nothing stale is served.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from bulletin.posts.localcache import LocalLRU

# Headers the middleware above this one add again on the way out.
OUTER_HEADERS = {"server-timing", "etag", "last-modified", "cache-control", "expires"}
RECENT_PAGES = 256
TIMEOUT = 3600

Stored = tuple[int, bytes, list[tuple[str, str]]]
_recent: LocalLRU[Stored] = LocalLRU(RECENT_PAGES)


def _remember(key: str, stored: Stored) -> None:
    _recent.set(key, stored)


def forget_pages() -> None:
    """Drop this process's copies (tests roll content back under the same ETag)."""
    _recent.clear()


class PublicPageCacheMiddleware:
    """Answer a repeated public request from the cache; keep each new answer there.

    Place it after `PublicCacheMiddleware`, and as near the end of MIDDLEWARE as
    possible so the stored response is the view's own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and self._storable(response):
            stored: Stored = (
                response.status_code,
                response.content,
                [(k, v) for k, v in response.items() if k.lower() not in OUTER_HEADERS],
            )
            cache.set(key, stored, timeout=TIMEOUT)
            _remember(key, stored)
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable,
        view_args: tuple,
        view_kwargs: dict,
    ) -> HttpResponse | None:
        validators = getattr(request, "_public_validators", None)
        if validators is None:
            return None
        key = f"page:{validators[0]}"
        stored = _recent.get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                _remember(key, stored)
        if stored is None:
            request._page_cache_key = key
            return None
        status, content, headers = stored
        return HttpResponse(content, status=status, headers=dict(headers))

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
