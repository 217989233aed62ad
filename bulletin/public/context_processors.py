from __future__ import annotations

from django.http import HttpRequest
from django.urls import get_script_prefix
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from bulletin.identity.site import site_for
from bulletin.posts.state import version_for


def site(request: HttpRequest) -> dict:
    """The organisation's name, tagline, footer, logo and theme in this language."""
    # Lazy: responses that never show the site's name (sitemaps, feeds) cost nothing.
    return {
        "site": SimpleLazyObject(
            lambda: site_for(get_language(), version_for(request))
        ),
        # What the frame's fragments kept by `{% cache %}` (base.html) vary on besides
        # the language: the content version the site's name, footer and pages are
        # read under, and the script prefix their addresses start with.
        "frame_version": SimpleLazyObject(
            lambda: f"{version_for(request)}:{get_script_prefix()}"
        ),
        # What the fragments that show no content vary on (the navigation; the filter
        # form adds its own choices): a publication does not make them again.
        "frame_prefix": SimpleLazyObject(get_script_prefix),
    }
