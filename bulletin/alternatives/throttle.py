"""How often one address may send the request form: a few times an hour.

The address is only hashed into a cache key that expires with the window; nothing
about the sender is stored.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from bulletin.accounts.addresses import client_address

WINDOW_SECONDS = 3600


def _key(request: HttpRequest) -> str:
    digest = hashlib.blake2b(
        (client_address(request) or "").encode(),
        key=settings.SECRET_KEY.encode()[:64],
        digest_size=16,
    ).hexdigest()
    return f"alternatives:requests:{digest}"


def allowed(request: HttpRequest) -> bool:
    """Whether this address may send one more request now (and count it if so)."""
    limit = settings.BULLETIN_FORMAT_REQUESTS_PER_HOUR
    key = _key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        sent = cache.incr(key)
    except ValueError:
        cache.add(key, 1, WINDOW_SECONDS)
        sent = 1
    return sent <= limit
