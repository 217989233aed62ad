"""The 400 and 500 pages, rendered from settings alone.

Neither may touch what could be their cause: the request's Host (a 400 is often a
bad one), the session, the database. So they get no request context, only the
site's name and the active language.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBadRequest, HttpResponseServerError
from django.template import loader
from django.utils.translation import get_language


def _render(template: str) -> str:
    return loader.get_template(template).render(
        {"site": settings.BULLETIN_SITE, "LANGUAGE_CODE": get_language()}
    )


def bad_request(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(_render("400.html"))


def server_error(request: HttpRequest) -> HttpResponseServerError:
    return HttpResponseServerError(_render("500.html"))
