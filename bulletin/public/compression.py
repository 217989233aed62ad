"""Kept pages compressed once, when they are kept, and sent compressed to whoever asks.

Every browser, feed reader and calendar client asks for gzip (`Accept-Encoding`), and
an 18 KB list page is 4 KB gzipped: the server writes a quarter of the bytes, and a
reader on a slow line waits a quarter of the time. Compressing a page once per content
state, not once per request as a proxy in front would, costs a fraction of a
millisecond on the first view and nothing afterwards.

Only public pages the page cache keeps are compressed: they carry no secret (no CSRF
token, no session), so compression reveals nothing about a secret they do not hold
(the BREACH attack needs one). The compressed answer's ETag is made weak, as a content
coding changes the bytes but not the page; `If-None-Match` compares weakly, so either
form of the tag earns a 304.
"""

from __future__ import annotations

import gzip
from functools import lru_cache

# Below this, gzip's own header and the Vary header outweigh what is saved.
SMALLEST = 512
COMPRESSIBLE = (
    "text/",
    "application/xml",
    "application/json",
    "application/javascript",
    "image/svg+xml",
)
# Any structured syntax of XML or JSON: RSS, Atom, JSON Feed, JSON-LD, OpenSearch…
COMPRESSIBLE_SUFFIXES = ("+xml", "+json")
LEVEL = 6


@lru_cache(maxsize=256)
def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an Accept-Encoding header admits gzip (RFC 9110, section 12.5.3).

    Few distinct headers exist (one per browser release), so the answer is remembered
    per header; `gzip;q=0` refuses it, `*` admits it unless gzip is refused by name.
    """
    if not accept_encoding:
        return False
    named: dict[str, float] = {}
    for item in accept_encoding.lower().split(","):
        coding, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        named[coding.strip()] = quality
    for coding in ("gzip", "x-gzip"):
        if coding in named:
            return named[coding] > 0
    return named.get("*", 0) > 0


def may_compress(content_type: str) -> bool:
    """Whether answers of this media type are text that gzip shrinks."""
    media = content_type.partition(";")[0].strip().lower()
    return media.startswith(COMPRESSIBLE) or media.endswith(COMPRESSIBLE_SUFFIXES)


def compressible(headers: tuple[tuple[str, str], ...], body: bytes) -> bool:
    if len(body) < SMALLEST:
        return False
    content_type = ""
    for name, value in headers:
        lowered = name.lower()
        if lowered == "content-encoding":
            return False  # already encoded by the view
        if lowered == "content-type":
            content_type = value
    return may_compress(content_type)


def compress(body: bytes) -> bytes:
    # mtime=0: the same page gives the same bytes on every worker and app server.
    return gzip.compress(body, compresslevel=LEVEL, mtime=0)


def varying_on_encoding(headers: tuple[tuple[str, str], ...]) -> tuple:
    """The headers with Accept-Encoding in Vary: both forms of a page need it, so
    that a shared cache on the way never hands the compressed one to a client that
    did not ask for it."""
    vary = [value for name, value in headers if name.lower() == "vary"]
    named = {v.strip().lower() for value in vary for v in value.split(",")}
    if "accept-encoding" in named or "*" in named:
        return headers
    merged = ", ".join([*vary, "Accept-Encoding"])
    return (*(h for h in headers if h[0].lower() != "vary"), ("Vary", merged))


def gzipped_headers(headers: tuple[tuple[str, str], ...], length: int) -> tuple:
    """The headers of the compressed form: its length, its coding, a weak ETag."""
    result = [("Content-Length", str(length)), ("Content-Encoding", "gzip")]
    for name, value in headers:
        lowered = name.lower()
        if lowered == "content-length":
            continue
        if lowered == "etag" and not value.startswith("W/"):
            value = "W/" + value
        result.append((name, value))
    return tuple(result)
