"""Whose address a sign-in attempt came from, for django-axes."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind the trusted HTTPS proxy the address it appended.

    Only the last X-Forwarded-For entry is the proxy's own record; entries before
    it are whatever the client sent, so a guesser cannot choose their address.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")
