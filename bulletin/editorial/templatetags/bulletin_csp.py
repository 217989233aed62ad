"""Form media under the Content-Security-Policy.

The rich-text editor's widget media include an import map, an inline
`<script type="importmap">` the policy would block. Rendered through this filter it
carries the response's CSP nonce (django-csp), which the policy then allows; pages
that never ask for the nonce (every public page) send a policy without one.
"""

from __future__ import annotations

from django import forms, template
from django.http import HttpRequest
from js_asset.media import Media

register = template.Library()


def media_with_nonce(media: forms.Media, request: HttpRequest) -> Media:
    # Reading the lazy nonce (str) is what makes django-csp put it in the header;
    # its truth value only says whether it was read already.
    nonce = getattr(request, "csp_nonce", None)
    return Media.from_media(media, nonce=str(nonce) if nonce is not None else "")


@register.filter
def with_csp_nonce(media: forms.Media, request: HttpRequest) -> Media:
    """`{{ form.media|with_csp_nonce:request }}`"""
    return media_with_nonce(media, request)
