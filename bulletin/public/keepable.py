"""Inside Django: which answers the page cache may keep, and what a view reads.

The page cache (`bulletin.public.pagecache`) sits in front of Django and cannot see
a view; this middleware, near the end of MIDDLEWARE, can. It removes the query
parameters the view does not read (`utm_source`, `fbclid`…) before the view runs, and
marks on the WSGI environ an answer that may be kept: 200, public, no cookie, not
streamed, with the parameters it was built from.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase, QueryDict

from bulletin.public.pagekeys import EVERY_PARAMETER

# Set on the WSGI environ: the parameters the view reads, or EVERY_PARAMETER when it
# did not say (then the whole query is part of the key).
STORE = "bulletin.page_cache.reads"


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
