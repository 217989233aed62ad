"""One line per log record, with the request it belongs to.

`RequestIdMiddleware` gives every request an id (the proxy's `X-Request-ID` when it
is a sane token, else a new one), answers it in `X-Request-ID`, and keeps it in a
context variable for the duration of the request. `RequestIdFilter` puts it on every
record (`-` outside a request), so a 500 in the log can be matched with the proxy's
access log line and with what the reader saw. `BULLETIN_LOG_FORMAT=json` writes the
same fields as one JSON object per line (python-json-logger).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

request_id: ContextVar[str] = ContextVar("request_id", default="-")
# What a proxy may send: short, and nothing that could break a log line.
ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{8,64}")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class OneLineFormatter(logging.Formatter):
    """Tracebacks and multi-line messages folded onto the record's own line."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n", " ⏎ ")


def offered_request_id(environ: dict) -> str | None:
    """The proxy's id for this request, when it sent a sane one.

    A page served from the page cache answers with it (it writes no log line of its
    own, so an id of its own would match nothing); Django's answers always have one.
    """
    offered = environ.get("HTTP_X_REQUEST_ID")
    return offered if offered and ACCEPTED.fullmatch(offered) else None


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        value = offered_request_id(request.META) or uuid.uuid4().hex
        request.request_id = value
        token = request_id.set(value)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = value
        return response
