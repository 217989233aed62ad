"""Calling the site's WSGI application in a test, as a server would."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@contextmanager
def keeping_the_test_connection() -> Iterator[None]:
    """As Django's test client does: the handler would otherwise close the database
    connection at the end of each request, and with it the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
