from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from bulletin.identity.site import site_for
from bulletin.posts.state import version_for


def site(request: HttpRequest) -> dict:
    """The organisation's name, tagline, footer, logo and theme in this language."""
    # Lazy: responses that never show the site's name (sitemaps, feeds) cost nothing.
    return {
        "site": SimpleLazyObject(lambda: site_for(get_language(), version_for(request)))
    }
