from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from bulletin.pages.footer import footer_links
from bulletin.posts.state import content_state


def footer(request: HttpRequest) -> dict:
    # Lazy: only pages that draw the footer look it up. The state's token, not the
    # version: a page scheduled for later joins the footer at its time.
    state = SimpleLazyObject(lambda: content_state().token)
    return {
        "footer_state": state,
        "footer_pages": SimpleLazyObject(
            lambda: footer_links(get_language(), str(state))
        ),
    }
