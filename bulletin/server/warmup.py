"""Before the workers fork, serve each kind of public page once in the master process.

Much of what a page costs is paid once per process, by the first request that needs
it: modules imported on first use, URL patterns compiled, message catalogues read,
templates parsed, query shapes learnt (`posts.prepared`), a list's page index loaded.
Paid in each worker, it is paid twice and kept twice, in memory of its own. Paid here,
the workers inherit it copy-on-write and share whatever nobody writes to afterwards:
master and 2 workers held 185 MB (PSS) after a probe's load at 100,000 posts,
154–156 MB with the warm-up (docs/performance.md, "Memory").

The requests go through the whole WSGI application, as a reader's would, with the
site's own address as Host (so they wait until `bulletin serve` has fixed it). They send no User-Agent, so they count no reading
(`counts.middleware`). The pages they leave in the page cache are true pages of the
current content state, so a worker's first reader may be answered from them. No
database connection stays open: a forked worker must never share one. A page that
fails is left for its first reader; warming is never a reason not to start.
"""

from __future__ import annotations

import io
import logging
import re
import sys
from collections.abc import Callable
from urllib.parse import unquote, urlencode, urlsplit

from django.conf import settings
from django.db import connections
from django.http.request import split_domain_port, validate_host
from django.urls import NoReverseMatch, reverse
from django.utils import translation

logger = logging.getLogger(__name__)
BROWSER_ENCODINGS = "gzip, deflate, br, zstd"


def warm(application: Callable | None = None) -> list[tuple[str, int]]:
    """Serve the public pages once; return each address and the status it got."""
    from bulletin.posts import siteaddress

    if not siteaddress.settled():  # its pages would carry an address made up here
        return []
    if application is None:
        from bulletin.wsgi import application
    served: list[tuple[str, int]] = []
    requests_log = logging.getLogger("django.request")
    level = requests_log.level
    requests_log.setLevel(logging.ERROR)  # a small site's missing page 2 is no news
    try:
        environ = base_environ()
        for path, encodings in _addresses():
            status = get(application, environ, path, encodings)
            served.append((path, status))
            if status >= 500:  # the database is not there yet: leave it to readers
                logger.warning("Warm-up stopped: %s answered %s", path, status)
                break
        for code, _name in settings.LANGUAGES:
            translation.trans_real.translation(code)  # each catalogue, read once
    except Exception:  # the server starts all the same; the first readers pay instead
        logger.exception("Warm-up stopped")
    finally:
        requests_log.setLevel(level)
        connections.close_all()
    return served


def get(application: Callable, base: dict, path: str, encodings: str) -> int:
    """One GET through a WSGI application, as the server would hand it over."""
    route, _, query = path.partition("?")
    environ = {
        **base,
        # As a server hands it over: decoded, its bytes as latin-1 (PEP 3333).
        "PATH_INFO": unquote(route).encode().decode("latin-1"),
        "QUERY_STRING": query,
        "HTTP_ACCEPT_ENCODING": encodings,
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    statuses: list[str] = []

    def start_response(status: str, headers: list, exc_info=None) -> None:
        statuses.append(status)

    answer = application(environ, start_response)
    try:
        for _chunk in answer:
            pass
    finally:
        if hasattr(answer, "close"):
            answer.close()
    return int(statuses[0].split()[0])


def base_environ() -> dict:
    """A GET to the site's own address, as the server would hand it to the app."""
    from bulletin.posts import siteaddress

    address = urlsplit(siteaddress.site_url())
    host = _allowed_host(address.netloc)
    return {
        "REQUEST_METHOD": "GET",
        "SERVER_NAME": split_domain_port(host)[0] or host,
        "SERVER_PORT": str(address.port or (443 if address.scheme == "https" else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": address.scheme or "http",
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def _allowed_host(host: str) -> str:
    """The site's host if ALLOWED_HOSTS accepts it, else the first host it names."""
    domain, _port = split_domain_port(host)
    if validate_host(domain, settings.ALLOWED_HOSTS):
        return host
    named = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"]
    return named[0] if named else host


def _addresses() -> list[tuple[str, str]]:
    """One address of each kind of public page, in the site's default language."""
    from bulletin.posts.models import Post

    with translation.override(settings.LANGUAGE_CODE):
        home = reverse("public:list")
        paths = [home, f"{home}?page=2"]
        newest = (
            Post.objects.public()
            .filter(language=settings.LANGUAGE_CODE)
            .order_by("-published_at")
            .first()
        )
        if newest is not None:
            paths.append(newest.get_absolute_url())
            paths.append(reverse("public:list", kwargs={"kind": newest.kind}))
            topic = newest.topics.order_by("id").first()
            if topic is not None:
                paths.append(reverse("public:list", kwargs={"topic": topic.slug}))
            word = next(iter(re.findall(r"\w{4,}", newest.title)), "")
            paths.append(f"{reverse('search:search')}?{urlencode({'q': word})}")
        for name, kwargs in (
            ("feeds:feed", {"fmt": "atom"}),
            ("feeds:feed", {"fmt": "rss"}),
            ("feeds:feed", {"fmt": "json"}),
            ("feeds:calendar", {}),
            ("public:archive", {}),
            ("public:topics", {}),
            ("sitemaps:index", {}),
            ("sitemaps:section", {"section": "posts"}),
            ("api:posts", {}),
        ):
            try:
                paths.append(reverse(name, kwargs=kwargs))
            except NoReverseMatch:
                logger.debug("Warm-up: no address for %s", name)
    # Most readers accept gzip; the first page also goes out as it is, once.
    return [(paths[0], "")] + [(path, BROWSER_ENCODINGS) for path in paths]
