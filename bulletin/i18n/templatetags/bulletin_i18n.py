"""Template pieces for several languages: switcher, hreflang alternates, a post's
translations, and the back office's translation status."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils import translation

from bulletin.i18n.switcher import is_i18n_path, page_versions, switcher_links
from bulletin.i18n.translations import (
    language_order,
    public_url,
    translation_status,
    translations_of,
)
from bulletin.posts.models import Post

register = template.Library()


@register.filter
def bcp47(code: str) -> str:
    """A language code as HTML and hreflang spell it: zh-hans → zh-Hans."""
    return translation.to_locale(code).replace("_", "-")


def _page_post(context) -> Post | None:
    post = context.get("post")
    return post if isinstance(post, Post) else None


@register.inclusion_tag("i18n/_language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    request = context.get("request")
    if request is None or len(settings.LANGUAGES) < 2:
        return {"links": []}
    if not is_i18n_path(request):
        # Pages outside the language prefix (the back office) have one address for
        # every language: the choice is remembered in a cookie by Django's set_language.
        return {
            "form": True,
            "languages": settings.LANGUAGES,
            "current": translation.get_language(),
            "next": request.get_full_path(),
            "csrf_token": context.get("csrf_token"),
        }
    links = switcher_links(
        request, _page_post(context), context.get("available_translations")
    )
    return {"links": links}


@register.inclusion_tag("i18n/_alternates.html", takes_context=True)
def alternate_links(context) -> dict:
    """<link rel="alternate" hreflang> for each language the page exists in, and x-default."""
    request = context.get("request")
    if request is None or context.get("available_translations") is not None:
        return {"alternates": []}  # a 404 has no alternates
    versions = page_versions(request, _page_post(context))
    if len(versions) < 2:
        return {"alternates": []}
    alternates = [
        {"hreflang": bcp47(code), "href": request.build_absolute_uri(url)}
        for code, url in sorted(
            versions.items(), key=lambda item: language_order(item[0])
        )
    ]
    # The default language's version, else the first in the order languages are offered.
    ordered = [code for code, _name in settings.LANGUAGES if code in versions]
    default = versions.get(settings.LANGUAGE_CODE) or versions[ordered[0]]
    alternates.append(
        {"hreflang": "x-default", "href": request.build_absolute_uri(default)}
    )
    return {"alternates": alternates}


@register.inclusion_tag("i18n/_post_translations.html")
def post_translations(post: Post) -> dict:
    """Visible links to the post's public translations."""
    names = dict(settings.LANGUAGES)
    return {
        "links": [
            {"post": other, "url": public_url(other), "name": names.get(other.language)}
            for other in translations_of(post)
        ]
    }


@register.inclusion_tag("i18n/_translation_status.html", takes_context=True)
def translation_status_table(context, post: Post) -> dict:
    """The back office's table: each language's post, missing or out of date, with actions."""
    return {
        "post": post,
        "rows": translation_status(post),
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
