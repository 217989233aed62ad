"""Answer old addresses that no page of this site claims (an imported site's paths)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from bulletin.redirects.addresses import answer


class OldAddressMiddleware:
    """After a 404, look the address up among the old addresses.

    The bare site root with a query (WordPress's `/?p=123`) is looked up too: the
    site's own root ignores queries, so such a request can only mean an old page.
    Put it after LocaleMiddleware, so a known old path is answered before
    LocaleMiddleware tries the same path under a language prefix.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        if response.status_code == 404 or (
            request.path_info == "/" and request.META.get("QUERY_STRING")
        ):
            return answer(request) or response
        return response
