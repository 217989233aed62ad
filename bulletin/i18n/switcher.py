"""Where each language's link in the switcher and in hreflang alternates leads."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri

from bulletin.i18n.translations import public_url, translations_of
from bulletin.posts.models import Post

POST_VIEW = "public:post"


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    # False when the page has no version in this language and the link goes to that
    # language's home instead: never a page in the wrong language.
    same_page: bool


_homes: dict[tuple, str] = {}


def home_url(code: str) -> str:
    """The list's address in language `code`, reversed once per script prefix and
    URLconf (a post page without translations links five of them)."""
    key = (code, get_script_prefix(), get_urlconf())
    url = _homes.get(key)
    if url is None:
        with translation.override(code):
            url = reverse("public:list")
        if len(_homes) > 256:
            _homes.clear()
        _homes[key] = url
    return url


def is_i18n_path(request: HttpRequest) -> bool:
    """The page is under the language prefix (/fr/…), not a language-neutral address.

    Read from the path inside the site: under a script prefix (a site served at
    /news/) the full path starts with the prefix, not the language.
    """
    return request.path_info.startswith(f"/{translation.get_language()}/")


def _query_without_page(request: HttpRequest) -> str:
    # Another language's list has other pages: page 7 here may not exist there.
    query = request.GET.copy()
    query.pop("page", None)
    return f"?{query.urlencode()}" if query else ""


def page_versions(
    request: HttpRequest, post: Post | None = None, translations=None
) -> dict:
    """The address of this page in each language where it exists.

    A post page exists where the post has a public translation; a missing-translation
    page passes the `translations` it offers; any other public page exists in every
    language (lists filter by language); pages outside the language prefix nowhere.
    """
    current = translation.get_language()
    match = getattr(request, "resolver_match", None)
    is_post_page = match is not None and match.view_name == POST_VIEW
    if is_post_page or translations is not None:
        versions = {}
        if post is not None and post.language == current:
            versions[current] = request.path
        if translations is None:
            translations = translations_of(post) if post is not None else []
        for other in translations:
            versions.setdefault(other.language, public_url(other))
        return versions
    if match is None or not is_i18n_path(request):
        return {}
    known = getattr(request, "_page_versions", None)
    if known is not None:
        return known  # the switcher and the hreflang links both ask
    query = _query_without_page(request)
    # Paths differ between languages by their prefix only (no pattern is translated),
    # so each language's address is the same path under its own prefix, without
    # resolving and reversing it once per language.
    rest = iri_to_uri(request.path_info[len(current) + 2 :])
    script = request.path.removesuffix(request.path_info)
    request._page_versions = versions = {
        code: (request.path if code == current else f"{script}/{code}/{rest}") + query
        for code, _name in settings.LANGUAGES
    }
    return versions


def switcher_links(
    request: HttpRequest, post: Post | None = None, translations=None
) -> list:
    current = translation.get_language()
    versions = page_versions(request, post, translations)
    links = []
    for code, name in settings.LANGUAGES:
        url = versions.get(code)
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=url or home_url(code),
                current=code == current,
                same_page=url is not None,
            )
        )
    return links
