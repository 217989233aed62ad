"""Ask the site for one address in-process, as its server would, but without HTTP.

The mirror must show exactly what the site shows, so each address goes through the
site's own URLconf, middleware, views and templates. Django's test client does that
too, but pays for a test harness on every request (cookies, template signals, a copy
of the response); here the middleware chain is built once and called directly, and
the database connection stays open from one page to the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.handlers.base import BaseHandler
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import RequestFactory

from bulletin.mirror.addresses import SiteAddress


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str
    location: str


class Renderer:
    """The site's request handler, loaded once, for addresses of one mirror."""

    def __init__(self, site: SiteAddress) -> None:
        self.handler = BaseHandler()
        self.handler.load_middleware()
        # Behind the TLS proxy the site learns the scheme from this header.
        self.factory = RequestFactory(
            HTTP_HOST=site.host, HTTP_X_FORWARDED_PROTO=site.scheme
        )
        self.secure = site.scheme == "https"

    def get(self, url: str) -> Answer:
        request = self.factory.get(url, secure=self.secure)
        response = self.handler.get_response(request)
        try:
            body = (
                b"".join(response.streaming_content)
                if response.streaming
                else response.content
            )
        finally:
            response.close()  # files of downloads; the connection stays (see below)
        return Answer(
            status=response.status_code,
            body=body,
            content_type=response.get("Content-Type", ""),
            location=response.get("Location", ""),
        )


@contextmanager
def connection_kept() -> Iterator[None]:
    """Keep the database connection between pages (a server closes it per request)."""
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_finished.connect(close_old_connections)
