"""Count a reading of a post page or a download of a document, after the answer.

Django renders most answers, and this middleware counts them; a page the page cache
answers in front of Django (`public.pagecache.PageCacheApp`) is counted there by
`count_cached()`, by the same rules. A browser's revalidated copy (304) counts as a
reading too. Only GETs count; robots, link previews and prefetches do not. Nothing is
read from or written to the reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language

from bulletin.counts.buffer import flush_if_due, record

ROBOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|fetch|preview|monitor|scan|check|"
    r"curl|wget|python|httpx|okhttp|go-http|java/|libwww|headless|lighthouse|"
    r"facebookexternalhit|embedly|feed|reader",
    re.IGNORECASE,
)


def _countable(meta: dict) -> bool:
    """A GET by a person's browser: not a robot, a preview fetcher or a prefetch."""
    if meta.get("REQUEST_METHOD") != "GET":
        return False
    agent = meta.get("HTTP_USER_AGENT", "")
    if not agent or ROBOTS.search(agent):
        return False
    purpose = (meta.get("HTTP_SEC_PURPOSE", "") or meta.get("HTTP_PURPOSE", "")).lower()
    return "prefetch" not in purpose and "prerender" not in purpose


def _subject(view_name: str, kwargs: dict, language: str) -> str | None:
    if view_name == "public:post":
        return f"p:{language}:{kwargs['slug']}"
    if view_name == "public:attachment":
        return f"a:{kwargs['pk']}"
    return None


def count_cached(environ: dict, status: int) -> None:
    """Count an answer the page cache gave in front of Django."""
    if status not in (200, 304):
        return
    # Most cached answers are lists and feeds, which count nothing: ask that first.
    subject = _subject_of_path(environ.get("PATH_INFO", ""))
    if subject is not None and _countable(environ):
        record(subject)
        flush_if_due()


@lru_cache(maxsize=4096)
def _subject_of_path(path: str) -> str | None:
    """What a path counts as; the URL patterns never change while a process runs,
    so each path is resolved once, not on every cached reading."""
    language = path.strip("/").split("/", 1)[0]
    if language not in dict(settings.LANGUAGES):
        return None
    try:
        with translation.override(language):
            match = resolve(path)
    except Resolver404:
        return None
    return _subject(match.view_name, match.kwargs, language)


def subject_of(request: HttpRequest) -> str | None:
    match = request.resolver_match
    if match is None:
        return None
    return _subject(match.view_name, match.kwargs, get_language())


class ReaderCountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.status_code in (200, 304) and _countable(request.META):
            subject = subject_of(request)
            if subject is not None:
                record(subject)
                flush_if_due()
        return response
