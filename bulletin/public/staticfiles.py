"""Static files (styles, scripts, icons) answered at the WSGI boundary.

Every reader's first page brings a style sheet, a script and icons. Through Django
they cross the whole middleware chain before WhiteNoise answers them, at a tenth of
the server's speed (docs/performance.md); here WhiteNoise, configured exactly as its
middleware is (the same files, their gzip and Brotli copies, cache lifetimes and
304s), answers them before Django is entered. A path under the static prefix that
names no file goes on to Django, which gives its usual 404 page.

The headers Django's middleware would add and that matter for a file are added
here, from the same settings: no MIME sniffing, the referrer policy, the opener
policy, the site's Content-Security-Policy (an SVG opened on its own is a document),
HSTS over HTTPS, and the proxy's request id. A request that Django would redirect to
HTTPS goes on to Django, which does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from whitenoise.base import WhiteNoise
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.string_utils import decode_path_info

from bulletin.public.pagekeys import scheme


def _hsts() -> str | None:
    if not settings.SECURE_HSTS_SECONDS:
        return None
    value = f"max-age={settings.SECURE_HSTS_SECONDS}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return value


def security_headers() -> list[tuple[str, str]]:
    """What Django's security and CSP middleware put on every answer."""
    from csp.utils import build_policy

    headers = [("Content-Security-Policy", build_policy())]
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        policy = settings.SECURE_REFERRER_POLICY
        value = policy if isinstance(policy, str) else ",".join(policy)
        headers.append(("Referrer-Policy", value))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        opener = settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
        headers.append(("Cross-Origin-Opener-Policy", opener))
    return headers


class StaticFilesApp:
    """The WSGI application with the site's static files served in front of it."""

    def __init__(
        self,
        application: Callable,
        request_id: Callable[[dict], str | None] | None = None,
    ) -> None:
        self.application = application
        self.request_id = request_id
        # Listed once, before the server forks its workers (they share the list).
        self.files = WhiteNoiseMiddleware()
        self.headers = security_headers()
        self.hsts = _hsts()
        self.ssl_redirect = settings.SECURE_SSL_REDIRECT

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        files = self.files
        path = environ.get("PATH_INFO", "")
        if not path.startswith(files.static_prefix):
            return self.application(environ, start_response)
        secure = scheme(environ) == "https"
        if self.ssl_redirect and not secure:
            return self.application(environ, start_response)  # Django redirects
        path = decode_path_info(path)
        found = files.find_file(path) if files.autorefresh else files.files.get(path)
        if found is None:
            return self.application(environ, start_response)
        extra = list(self.headers)
        if secure and self.hsts:
            extra.append(("Strict-Transport-Security", self.hsts))
        given = self.request_id(environ) if self.request_id else None
        if given:
            extra.append(("X-Request-ID", given))

        def with_headers(status, headers, exc_info=None):
            return start_response(status, [*headers, *extra], exc_info)

        return WhiteNoise.serve(found, environ, with_headers)
