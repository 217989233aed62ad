"""ETag, 304 and shared caching for API reads.

The API only ever shows public content, so its answers get the same validators as
the reader pages (`bulletin.posts.httpcache`): the content state plus the exact
address. A matching If-None-Match is answered 304 before any list is read. Requests
from a signed-in session are left to that middleware, which marks them private.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from bulletin.posts.httpcache import (
    PUBLIC_MAX_AGE,
    SAFE_METHODS,
    is_personal,
    last_modified,
    public_etag,
)
from bulletin.posts.state import content_state


def _share(response: HttpResponse, etag: str, modified: int) -> HttpResponse:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def conditional(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap an operation: 304 on matching validators, validators on a 200."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in SAFE_METHODS or is_personal(request):
            return run(request, *args, **kwargs)
        token = content_state().token
        etag = public_etag(request, token)
        modified = int(last_modified(token).timestamp())
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=modified
        )
        if not_modified is not None:
            return _share(not_modified, etag, modified)
        response = run(request, *args, **kwargs)
        if response.status_code == 200:
            _share(response, etag, modified)
        # HEAD keeps the body, so Content-Length is the GET's; the server drops it.
        return response

    return wrapper
