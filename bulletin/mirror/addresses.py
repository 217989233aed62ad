"""Where each address of the site lives in the static mirror, and how pages link to it.

Every address becomes a file: `/en/news/` is `en/news/index.html`, page 3 of it
(`/en/news/?page=3`) is `en/news/page/3/index.html`, and a post reached from any list
(`/en/news/topics/water/posts/flood/`) is its one page `en/posts/flood/index.html`.
Links between pages are relative and name `index.html` explicitly, so the mirror works
from a static host, from an object store without directory indexes, and from a folder
opened in a browser.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

# URL namespaces whose pages the mirror holds; anything else stays on the live site.
EXPORTED_NAMESPACES = frozenset({"public", "feeds", "sitemaps", "thumbnails", "pages"})


@dataclass(frozen=True)
class Target:
    """An address the mirror holds: the request to make and the file it becomes."""

    url: str  # path and query to request, without the site prefix
    file: str  # path inside the mirror, decoded, no leading slash


@dataclass(frozen=True)
class SiteAddress:
    """The public base URL the mirror is made for: scheme, host and path prefix.

    Pages are rendered as if the site sat at the host's root; absolute links in feeds,
    sitemaps and metadata are then moved under the prefix (see `absolute`).
    """

    scheme: str
    host: str
    prefix: str  # "" or "/path" without a trailing slash
    live: str = ""  # the live site's origin, for pages the mirror does not hold

    @classmethod
    def parse(cls, base_url: str, live_url: str = "") -> SiteAddress:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{base_url!r} is not an http(s) URL")
        prefix = parts.path.rstrip("/")
        live = live_url.rstrip("/") or f"{parts.scheme}://{parts.netloc}"
        return cls(parts.scheme, parts.netloc, prefix, live)

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self.host}"

    @property
    def base(self) -> str:
        return f"{self.scheme}://{self.host}{self.prefix}/"

    def local_path(self, href: str) -> str | None:
        """The site path an href points to, or None if it points elsewhere."""
        parts = urlsplit(href)
        if parts.scheme and parts.scheme not in ("http", "https"):
            return None
        if parts.netloc and parts.netloc != self.host:
            return None
        if not parts.path.startswith("/"):
            return None  # relative already (a fragment or a query of this page)
        return parts.path

    def absolute(self, text: str) -> str:
        """Absolute links rendered at the host's root, moved under the mirror's prefix."""
        if not self.prefix:
            return text
        return text.replace(self.origin + "/", self.base)


# Pages repeat the same links (navigation, topics, pages): resolve each once.
@lru_cache(maxsize=65536)
def target_for(path: str, query: str = "") -> Target | None:
    """The mirror file for a site path and query, or None if the mirror does not hold it."""
    if path.startswith("/" + settings.STATIC_URL.strip("/") + "/"):
        return Target(url=path, file=unquote(path.lstrip("/")))
    # Language-prefixed patterns resolve only in their own language.
    language = translation.get_language_from_path(path)
    try:
        with translation.override(language or translation.get_language()):
            match = resolve(unquote(path))
    except Resolver404:
        return None
    namespaces = set(match.namespaces)
    if match.view_name == "language_root":
        return Target(url="/", file="index.html")
    if match.view_name == "search:search":
        return Target(url=path, file=unquote(path.lstrip("/")) + "index.html")
    if not EXPORTED_NAMESPACES & namespaces:
        return None
    if match.view_name == "public:post":
        # One page per post: the full list's (or, for an expired notice, its year's).
        language = path.strip("/").split("/", 1)[0]
        slug = match.kwargs["slug"]
        canonical = f"/{language}/posts/{quote(unquote(slug), safe='-_~')}/"
        return Target(url=canonical, file=unquote(canonical.lstrip("/")) + "index.html")
    if match.view_name == "public:list":
        page = _page_number(query)
        if page > 1:
            return Target(
                url=f"{path}?page={page}",
                file=unquote(path.lstrip("/")) + f"page/{page}/index.html",
            )
        return Target(url=path, file=unquote(path.lstrip("/")) + "index.html")
    if match.view_name == "sitemaps:section" and "p=" in query:
        page = _page_number(query, name="p")
        stem = unquote(path.lstrip("/")).removesuffix(".xml")
        return Target(url=f"{path}?p={page}", file=f"{stem}-{page}.xml")
    file = unquote(path.lstrip("/"))
    return Target(url=path, file=file + "index.html" if path.endswith("/") else file)


def _page_number(query: str, name: str = "page") -> int:
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key == name and value.isascii() and value.isdigit() and len(value) < 10:
            return max(1, int(value))
    return 1


def relative_href(from_file: str, to_file: str, fragment: str = "") -> str:
    """A link from one mirror file to another, percent-encoded, with its fragment."""
    start = posixpath.dirname(from_file) or "."
    href = quote(posixpath.relpath(to_file, start), safe="/-_.~")
    return href + (f"#{fragment}" if fragment else "")


def root_href(site: SiteAddress, to_file: str, fragment: str = "") -> str:
    """A link to a mirror file from the host's root, under the mirror's path prefix."""
    href = site.prefix + "/" + quote(to_file, safe="/-_.~")
    return href + (f"#{fragment}" if fragment else "")
