"""Report the server's own time for each response, for benchmarks and browsers' devtools.

Only to those who may know: signed-in staff, or everyone when BULLETIN_SERVER_TIMING
(on with BULLETIN_DEBUG) asks for it. For an anonymous reader the timing tells
whether a page came from the cache, which is no one's business outside.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from bulletin.accounts.roles import role_of


def shows_timing(request: HttpRequest) -> bool:
    if settings.BULLETIN_SERVER_TIMING:
        return True
    user = getattr(request, "user", None)
    return user is not None and role_of(user) is not None


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started, cpu_started = time.perf_counter(), time.thread_time()
        response = self.get_response(request)
        if shows_timing(request):
            elapsed_ms = (time.perf_counter() - started) * 1000
            # The thread's own CPU time as well: on a busy machine the wall time
            # mostly measures the wait for a core.
            cpu_ms = (time.thread_time() - cpu_started) * 1000
            response["Server-Timing"] = (
                f"app;dur={elapsed_ms:.2f}, cpu;dur={cpu_ms:.2f}"
            )
        else:
            # A layer inside (the page cache, say) may have added its own entries.
            response.headers.pop("Server-Timing", None)
        return response
