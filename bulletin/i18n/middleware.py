"""Turn a post's 404 into a helpful answer when the post exists in another language."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation

from bulletin.i18n.switcher import POST_VIEW
from bulletin.i18n.translations import language_order, public_url
from bulletin.i18n.views import missing_translation
from bulletin.posts.models import Post


class MissingTranslationMiddleware:
    """After the post page answered 404 for /<lang>/…/posts/<slug>/:

    - the slug is another language's post whose group has a public post in <lang>
      → redirect there (someone swapped the language prefix by hand);
    - the slug is public in other languages only → 404 page saying so, with links;
    - otherwise → the plain 404, untouched.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if response.status_code != 404 or match is None or match.view_name != POST_VIEW:
            return response
        slug = match.kwargs.get("slug")
        current = translation.get_language()
        public = Post.objects.public().filter(language__in=dict(settings.LANGUAGES))
        if public.filter(slug=slug, language=current).exists():
            return response  # the post is here; the 404 has another reason (its list)
        groups = list(
            public.filter(slug=slug)
            .exclude(language=current)
            .values_list("translation_group", flat=True)
        )
        if not groups:
            return response
        here = public.filter(translation_group__in=groups, language=current).first()
        if here is not None:
            return HttpResponseRedirect(public_url(here))
        available = sorted(
            public.filter(translation_group__in=groups),
            key=lambda p: (language_order(p.language), p.pk),
        )
        return missing_translation(request, slug, available)
