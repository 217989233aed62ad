"""Reader-facing views of translations: the root's language choice and the page that
says a post is not available in the language asked for."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_info

from bulletin.i18n.switcher import home_url
from bulletin.i18n.translations import public_url
from bulletin.posts.models import Post


def language_root(request: HttpRequest) -> HttpResponse:
    """Send `/` to the home of the language the browser prefers among those offered.

    The choice depends on the request, so caches must keep one answer per
    Accept-Language (and language cookie) and not share it.
    """
    code = translation.get_language_from_request(request)
    if code not in dict(settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    response = HttpResponseRedirect(home_url(code))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    patch_cache_control(response, private=True, max_age=0)
    return response


def missing_translation(
    request: HttpRequest, slug: str, available: list[Post]
) -> HttpResponse:
    """A 404 that names the languages the post does exist in, with links to them."""
    current = translation.get_language()
    links = [
        {
            "post": post,
            "url": public_url(post),
            "name": dict(settings.LANGUAGES).get(post.language, post.language),
            "name_translated": get_language_info(post.language)["name_translated"],
        }
        for post in available
    ]
    response = TemplateResponse(
        request,
        "i18n/missing_translation.html",
        {
            "slug": slug,
            "available": links,
            "available_translations": available,
            "requested_language": get_language_info(current)["name_translated"],
        },
        status=404,
    )
    return response.render()
