"""The identity's public files: the logo and the theme stylesheet.

Both are addressed by the identity's stamp, so they may be cached for a year: a new
logo or colour gets a new address. The theme is a stylesheet of its own because the
site's Content Security Policy allows no inline styles.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from bulletin.identity.models import Identity

YEAR = 365 * 24 * 3600


def _current(stamp: str) -> Identity:
    identity = Identity.objects.filter(pk=1).first()
    if identity is None or identity.stamp != stamp:
        raise Http404("No such identity version")
    return identity


def _immutable(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response


@require_safe
def logo(request: HttpRequest, stamp: str) -> HttpResponse:
    identity = _current(stamp)
    if not identity.logo:
        raise Http404("No logo")
    response = FileResponse(
        identity.logo.open("rb"), content_type=identity.logo_type or "image/png"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return _immutable(response)


@require_safe
def theme(request: HttpRequest, stamp: str) -> HttpResponse:
    identity = _current(stamp)
    header = []
    if identity.brand:
        header.append(f"--brand: {identity.brand};")
    if identity.brand_ink:
        header.append(f"--brand-ink: {identity.brand_ink};")
    css = [f":root {{ {' '.join(header)} }}"] if header else []
    if identity.link:
        # Only the light scheme: the dark scheme keeps its own light link colour.
        css.append(
            "@media not (prefers-color-scheme: dark) { :root { "
            f"--link: {identity.link}; }} }}"
        )
    return _immutable(
        HttpResponse("\n".join(css) + "\n", content_type="text/css; charset=utf-8")
    )
