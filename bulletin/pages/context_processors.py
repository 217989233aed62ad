from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from bulletin.pages.footer import footer_links
from bulletin.posts.state import version_for


def footer(request: HttpRequest) -> dict:
    # Lazy: only pages that draw the footer look it up.
    return {
        "footer_pages": SimpleLazyObject(
            lambda: footer_links(get_language(), version_for(request))
        )
    }
