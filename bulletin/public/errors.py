"""The 500 page, rendered without the database or request context: both may be the cause."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseServerError
from django.template import loader
from django.utils.translation import get_language


def server_error(request: HttpRequest) -> HttpResponseServerError:
    html = loader.get_template("500.html").render(
        {"site": settings.BULLETIN_SITE, "LANGUAGE_CODE": get_language()}
    )
    return HttpResponseServerError(html)
