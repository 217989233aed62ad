"""Getting files and pages from another site: bounded in size and time, http(s) only.

Everything an import reads from the network passes here, so one place enforces the
limits: a server that sends too much or too slowly is cut off with a clear reason.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import urllib3

USER_AGENT = "Bulletin-import/1.0"
DEFAULT_TIMEOUT = 20.0
PAGE_LIMIT = 10 * 1024 * 1024


class FetchError(Exception):
    """A file or page that could not be had; the message says why."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str


_pool = urllib3.PoolManager(
    headers={"User-Agent": USER_AGENT},
    retries=urllib3.Retry(
        total=2, redirect=5, backoff_factor=0.2, raise_on_status=False
    ),
)


def fetch(
    url: str, *, max_bytes: int = PAGE_LIMIT, timeout: float = DEFAULT_TIMEOUT
) -> Fetched:
    """The body at `url`, or FetchError: not http(s), an error status, too big, too slow."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"not an http(s) address: {url}")
    deadline = time.monotonic() + timeout
    try:
        response = _pool.request(
            "GET",
            url,
            preload_content=False,
            timeout=urllib3.Timeout(connect=min(timeout, 10), read=timeout),
        )
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"cannot fetch {url}: {error.__class__.__name__}") from error
    try:
        if response.status >= 400:
            raise FetchError(f"{url} answered {response.status}")
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"{url} is larger than {max_bytes} bytes")
        chunks, size = [], 0
        for chunk in response.stream(64 * 1024):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url} is larger than {max_bytes} bytes")
            if time.monotonic() > deadline:
                raise FetchError(f"{url} took longer than {timeout:.0f} seconds")
            chunks.append(chunk)
        final = response.geturl() or url
        if not urlsplit(final).scheme:
            final = url
        return Fetched(
            final, b"".join(chunks), response.headers.get("Content-Type", "")
        )
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(f"cannot fetch {url}: {error.__class__.__name__}") from error
    finally:
        response.release_conn()


def read_file(path: Path, *, max_bytes: int) -> bytes:
    """A local file's bytes, or FetchError when missing or too big."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FetchError(f"{path.name} is larger than {max_bytes} bytes")
        return path.read_bytes()
    except OSError as error:
        raise FetchError(f"cannot read {path}: {error.strerror}") from error
