"""A page as readers see it: /<language>/pages/<slug>/."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from bulletin.pages.models import Page, Role
from bulletin.posts.models import Post


def page(request: HttpRequest, slug: str) -> HttpResponse:
    post = (
        Post.objects.public_pages().filter(language=get_language(), slug=slug).first()
    )
    if post is None:
        raise Http404("No such page")
    meta = Page.objects.filter(translation_group=post.translation_group).first()
    return render(
        request,
        "pages/page.html",
        {
            "page": post,
            "meta": meta,
            "is_statement": meta is not None and meta.role == Role.ACCESSIBILITY,
            "canonical_url": request.build_absolute_uri(request.path),
            "section": "page",
        },
    )
