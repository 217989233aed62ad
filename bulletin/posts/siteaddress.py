"""The site's own address, the root of every permanent identifier and link.

Atom ids, iCalendar UIDs, JSON Feed ids and canonical URLs must not change with the
Host a request happens to carry (`127.0.0.1` one time, `localhost` the next). They
come from `BULLETIN_SITE_URL`; when that is unset (development), the address is fixed
once per process — by `bulletin serve` from the address it binds, or else from the
first request — logged, and never taken from a request again.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.http import HttpRequest

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_fixed: str | None = None
FALLBACK = "http://localhost:8000"


def configured() -> str:
    return (settings.BULLETIN_SITE.get("url") or "").rstrip("/")


def fix(address: str, source: str) -> str:
    """Fix the address for this process unless one is configured or already fixed."""
    global _fixed
    if configured():
        return configured()
    with _lock:
        if _fixed is None:
            _fixed = address.rstrip("/")
            logger.warning(
                "BULLETIN_SITE_URL is not set: permanent ids and links use %s (from %s) "
                "until the process ends. Set BULLETIN_SITE_URL to the public address.",
                _fixed,
                source,
            )
        return _fixed


def settled() -> bool:
    """Whether the address is known without a request (configured, or fixed)."""
    return bool(configured() or _fixed)


def site_url(request: HttpRequest | None = None) -> str:
    """The site's address without a trailing slash."""
    address = configured() or _fixed
    if address:
        return address
    if request is None:
        return FALLBACK
    return fix(f"{request.scheme}://{request.get_host()}", "the first request")


def forget() -> None:
    """For tests: let the next request fix the address again."""
    global _fixed
    with _lock:
        _fixed = None
