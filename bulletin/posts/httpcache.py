"""HTTP caching of public content: who counts as anonymous, and the validators.

Everything public is derived from public content, so one value describes a response:
the content state token (see `bulletin.posts.state`) together with the address that
was asked for. The reader pages (`bulletin.public.caching`) and the read API
(`bulletin.api.conditional`) both answer with these validators, so they live here,
below both.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import get_language

from bulletin.posts import clock
from bulletin.posts.state import content_state

V = TypeVar("V", bound=Callable)

# How long a browser or CDN may reuse a public response without asking again.
PUBLIC_MAX_AGE = 60


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


def reads_query(*names: str) -> Callable[[V], V]:
    """Declare the query parameters a public view reads; the page cache keys on these.

    Any other parameter is removed from the request before the view runs, so tracking
    tags (`utm_source`, `fbclid`…) neither change the page nor fill the cache. A view
    that declares nothing is keyed on its whole query.
    """

    def declare(view: V) -> V:
        view.reads_query = frozenset(names)
        return view

    return declare


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
