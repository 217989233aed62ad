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

import hashlib
from collections.abc import Callable
from datetime import datetime
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_etags
from django.utils.translation import get_language

from bulletin.posts import clock
from bulletin.posts.state import content_state

# URL namespaces whose every response is derived from public content only.
PUBLIC_NAMESPACES = frozenset({"public", "feeds", "sitemaps", "search"})
# How long a browser or CDN may reuse a public response without asking again.
PUBLIC_MAX_AGE = 60
PRIVATE = "private, no-store"


def code_fingerprint() -> str:
    """The installed version plus a hash of the package's code, templates and catalogues.

    A deploy that changes a template without a version bump must still change every
    ETag and cached page; servers running the same code agree on the value.
    """
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(metadata.version("bulletin").encode(), digest_size=8)
    for path in sorted(package.rglob("*")):
        if (
            path.suffix in {".py", ".html", ".po", ".css", ".js"}
            and "static" not in path.parts[-3:-1]
        ):
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


CODE_VERSION = code_fingerprint()
SAFE_METHODS = ("GET", "HEAD")


def is_personal(request: HttpRequest) -> bool:
    """Whether the answer to this request may depend on who is asking.

    Without a session cookie nobody is signed in; looking at the cookie rather than
    `request.user` keeps anonymous responses free of `Vary: Cookie`.
    """
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
    )


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


def public_etag(request: HttpRequest, token: str | None = None) -> str:
    """The ETag of a public response: content state, address, language and day.

    The day is part of it because a few answers move with the calendar (the window of
    upcoming events); the code version because templates change with it.
    """
    token = token or content_state().token
    basis = "|".join(
        [
            token,
            clock.now().date().isoformat(),
            CODE_VERSION,
            request.scheme,
            request.get_host(),
            get_language() or "",
            request.get_full_path(),
        ]
    )
    return '"' + hashlib.blake2b(basis.encode(), digest_size=12).hexdigest() + '"'


def last_modified(token: str | None = None) -> datetime:
    """When this process first saw the current public content (and day).

    Content has not changed since that moment, so it is a safe Last-Modified: later
    than the real change, never earlier.
    """
    token = token or content_state().token
    key = f"state-seen:{token}:{clock.now().date().isoformat()}"
    seen = cache.get(key)
    if seen is None:
        seen = clock.now().replace(microsecond=0)
        if not cache.add(key, seen, timeout=7 * 24 * 3600):
            seen = cache.get(key) or seen
    return seen


def _says_private(response: HttpResponseBase) -> bool:
    directives = response.get("Cache-Control", "").lower()
    return "private" in directives or "no-store" in directives


def _validators(request: HttpRequest) -> tuple[str, int]:
    token = content_state().token
    return public_etag(request, token), int(last_modified(token).timestamp())


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
            response = get_conditional_response(
                request, etag=etag, last_modified=modified, response=response
            )
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
        etag, modified = _validators(request)
        request._public_validators = (etag, modified)
        # Only an exact match answers before the view runs: that ETag was given for a
        # successful answer to this very address in this very content state.
        if etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            return get_conditional_response(request, etag=etag, last_modified=modified)
        return None
