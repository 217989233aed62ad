"""The keys of the page cache: which answer a request asks for, worked out cheaply.

A hit of the page cache (`bulletin.public.pagecache`) runs only this and a few
dictionary lookups, so everything here is done once and remembered: the settings a
hit reads, the content state token and the day (until the state's next transition or
midnight), the part of a query string a view reads. The key kept in this process is
a tuple of plain strings; the shared cache's (Redis) is its digest, made only when
this process does not have the page.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as dt_time
from functools import lru_cache
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from bulletin.posts import clock
from bulletin.posts.httpcache import CODE_VERSION
from bulletin.posts.state import content_state, current_version

# A view that does not say which parameters it reads is keyed on its whole query.
EVERY_PARAMETER = ("*",)
REMEMBERED_QUERY = 200  # characters


@dataclass(frozen=True)
class Route:
    """What the answers at one address depend on, besides the content state."""

    reads: tuple[str, ...]
    vary: tuple[str, ...]
    # The environ names of the `vary` headers, worked out once.
    vary_environ: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        names = tuple("HTTP_" + h.upper().replace("-", "_") for h in self.vary)
        object.__setattr__(self, "vary_environ", names)


@dataclass(frozen=True)
class Settings:
    """The few settings a hit reads, looked up once (again after a test changes one)."""

    session_cookie: str
    language_cookie: str
    proxy_ssl_header: tuple[str, str] | None


_settings: list[Settings] = []


def hit_settings() -> Settings:
    """The settings a hit reads: a dataclass lookup instead of Django's lazy settings."""
    if not _settings:
        _settings.append(
            Settings(
                session_cookie=settings.SESSION_COOKIE_NAME,
                language_cookie=settings.LANGUAGE_COOKIE_NAME,
                proxy_ssl_header=settings.SECURE_PROXY_SSL_HEADER,
            )
        )
    return _settings[0]


@receiver(setting_changed)
def _settings_changed(**kwargs) -> None:
    _settings.clear()


def forget() -> None:
    """Work the content state's token out again (tests roll versions back)."""
    _freshness[0] = None


# What a hit checks its page against: (version, token, day, from, until), the last
# two in seconds since the epoch. It holds while the version stays and the clock is
# inside [from, until): until the next transition or midnight UTC, whichever first.
_freshness: list[tuple[int, str, str, float, float] | None] = [None]


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def scheme(environ: dict, config: Settings | None = None) -> str:
    """http or https, as the request came to the proxy in front (SECURE_PROXY_SSL_HEADER)."""
    config = config or hit_settings()
    header = config.proxy_ssl_header
    if header and environ.get(header[0]) == header[1]:
        return "https"
    return environ.get("wsgi.url_scheme", "http")


def is_anonymous(environ: dict, config: Settings) -> bool:
    return "HTTP_AUTHORIZATION" not in environ and (
        config.session_cookie not in environ.get("HTTP_COOKIE", "")
    )


def _language_cookie(environ: dict, config: Settings) -> str:
    raw = environ.get("HTTP_COOKIE", "")
    if config.language_cookie not in raw:
        return ""
    try:
        morsel = SimpleCookie(raw).get(config.language_cookie)
    except Exception:  # a malformed cookie header: Django will judge it
        return raw
    return morsel.value if morsel else ""


def route_key(environ: dict, config: Settings | None = None) -> tuple[str, str, str]:
    """Scheme, host and path: the address without its query."""
    return (
        scheme(environ, config),
        environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""),
        environ.get("PATH_INFO", ""),
    )


def _wanted(reads: tuple[str, ...], query: str) -> str:
    """The part of a query string the view reads, in a fixed order."""
    if reads == EVERY_PARAMETER:
        return query
    if not reads:
        return ""
    if len(query) <= REMEMBERED_QUERY:
        return _wanted_remembered(reads, query)
    return _read_part(reads, query)


def _read_part(reads: tuple[str, ...], query: str) -> str:
    given = dict(parse_qsl(query, keep_blank_values=True))
    return urlencode([(name, given.get(name, "")) for name in reads])


# Short queries (?page=2, ?q=water) repeat; remembering them is bounded in count and,
# through the length limit, in bytes.
_wanted_remembered = lru_cache(maxsize=4096)(_read_part)


def fresh_parts() -> tuple[str, str]:
    """The content state token and the UTC day, without building a datetime per hit.

    `time.time()` follows the same clock as `clock.now()` (tests move both), so a
    scheduled publication or midnight still changes the key at its moment.
    """
    version = current_version()
    wall = time.time()
    known = _freshness[0]
    if known is None or known[0] != version or not known[3] <= wall < known[4]:
        now = clock.now()
        state = content_state(now)
        day = now.date()
        until = datetime.combine(day + timedelta(days=1), dt_time.min, UTC)
        if state.valid_until is not None:
            until = min(until, state.valid_until)
        known = (
            state.version,
            state.token,
            day.isoformat(),
            now.timestamp(),
            until.timestamp(),
        )
        _freshness[0] = known
    return known[1], known[2]


def page_key(
    environ: dict,
    route_id: tuple[str, str, str],
    route: Route,
    config: Settings | None = None,
    fresh: tuple[str, str] | None = None,
) -> tuple[str, ...]:
    """The key of one answer in this process; `shared_key()` turns it into Redis's.

    `fresh` is the content state token and day the caller read before rendering: a
    page is kept under the state it started from, so a change that commits while it
    renders leaves it under an older key, never under the new one.
    """
    token, day = fresh or fresh_parts()
    return (
        *route_id,
        token,
        day,
        _wanted(route.reads, environ.get("QUERY_STRING", "")),
        _language_cookie(environ, config or hit_settings()),
        *[environ.get(header, "") for header in route.vary_environ],
    )


def shared_key(kind: str, local_key: tuple[str, ...]) -> str:
    return f"{kind}:{_digest(CODE_VERSION, *local_key)}"
