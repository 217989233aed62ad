"""HTTP caching for what readers see: validators, 304 answers and Cache-Control.

Everything public is derived from public content, so one value describes a response:
the content state token (see `bulletin.posts.state`) together with the address that
was asked for. That value is the ETag, and a client or CDN that already holds it gets
a 304 before the view runs.

A response may be held by shared caches only when it cannot depend on who asked: a
GET or HEAD without a session cookie or credentials, answered without setting a
cookie. Anything else is marked `private, no-store`, so a CDN never keeps a page that
an editor saw (previews, toolbars) or that carries a CSRF token. Views outside the
public namespaces are left alone unless they are personal; the editorial back office
can call `mark_private()` on its own responses.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, parse_etags

from bulletin.posts.httpcache import (
    PUBLIC_MAX_AGE,
    SAFE_METHODS,
    is_personal,
    last_modified,
    public_etag,
)
from bulletin.posts.state import content_state
from bulletin.public.compression import may_compress
from bulletin.public.keepable import keep_only_read_parameters

# URL namespaces whose every response is derived from public content only.
PUBLIC_NAMESPACES = frozenset({"public", "feeds", "sitemaps", "search"})
PRIVATE = "private, no-store"


def is_shareable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether a shared cache may keep this response for everyone."""
    return (
        request.method in SAFE_METHODS
        and not is_personal(request)
        and not response.cookies
        and response.status_code in (200, 304, 301, 404)
    )


def mark_private(response: HttpResponseBase) -> HttpResponseBase:
    """Forbid every cache, shared or not, to keep the response."""
    response["Cache-Control"] = PRIVATE
    response.headers.pop("Expires", None)
    return response


def _says_private(response: HttpResponseBase) -> bool:
    directives = response.get("Cache-Control", "").lower()
    return "private" in directives or "no-store" in directives


def _validators(request: HttpRequest) -> tuple[str, int]:
    token = content_state().token
    return public_etag(request, token), int(last_modified(token).timestamp())


def _as_held(request: HttpRequest, response: HttpResponseBase, etag: str) -> None:
    """A 304 names the form the client holds: the gzipped one's tag is weak
    (`bulletin.public.compression`), and either may be held, so it varies on
    Accept-Encoding; it has no body, and no length of one."""
    given = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    if etag not in given and "W/" + etag in given:
        response["ETag"] = "W/" + etag
    patch_vary_headers(response, ["Accept-Encoding"])
    if response.has_header("Content-Length"):
        del response["Content-Length"]


class PublicCacheMiddleware:
    """Add ETag, Last-Modified and Cache-Control to public responses; answer 304.

    Put it before the session and CSRF middleware, so its response phase sees every
    cookie they set.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        validators = getattr(request, "_public_validators", None)
        if is_personal(request) or response.cookies:
            return mark_private(response)
        if validators is None or not is_shareable(request, response):
            return response
        if _says_private(response):
            # The view knows better (`never_cache`, `mark_private`): no validators.
            return response
        etag, modified = validators
        if response.status_code in (200, 304):
            response.headers.setdefault("ETag", etag)
            # Ours replaces a view's own (feeds and sitemaps give their newest item's
            # time): it is what If-Modified-Since is checked against.
            response["Last-Modified"] = http_date(modified)
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        if response.status_code == 200:
            if may_compress(response.get("Content-Type", "")):
                # The page cache sends this page gzipped to whoever asks for it.
                patch_vary_headers(response, ["Accept-Encoding"])
            response = get_conditional_response(
                request, etag=etag, last_modified=modified, response=response
            )
        if response.status_code == 304:
            _as_held(request, response, etag)
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable,
        view_args: tuple,
        view_kwargs: dict,
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or not PUBLIC_NAMESPACES & set(match.namespaces):
            return None
        if request.method not in SAFE_METHODS or is_personal(request):
            return None
        request._page_reads = keep_only_read_parameters(request, view_func)
        etag, modified = _validators(request)
        request._public_validators = (etag, modified)
        # Only our own tag answers before the view runs: it was given for a successful
        # answer to this very address in this very content state (weak when the page
        # cache sent it gzipped, see `bulletin.public.compression`).
        given = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
        if etag in {tag.removeprefix("W/") for tag in given}:
            return get_conditional_response(request, etag=etag, last_modified=modified)
        return None
