"""Remembering old addresses and answering them.

Every way an address stops being current ends here: a slug or language change (the
receivers, whatever saved the post), a deletion, and an import that brings the old
site's paths. The answer is always worked out from the post as it is now.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from bulletin.posts.listing import PostList
from bulletin.posts.models import Post
from bulletin.redirects.models import MAX_PATH, Reason, Redirect

GONE_STATUS = 410
# Query parameters that campaigns and social sites add; they never name a page.
TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def normalise(address: str) -> str:
    """The form an address is stored and looked up in.

    The host is dropped (the site takes over the old domain), the path is decoded and
    loses its trailing slash, and the query keeps its parameters in sorted order
    without tracking parameters, so `/a/?b=1&a=2`, `/a?a=2&b=1&utm_source=x` and
    `https://old.example.org/a/?a=2&b=1` are one address.
    """
    parts = urlsplit(address.strip())
    path = unquote(parts.path) or "/"
    if not path.startswith("/"):
        path = "/" + path
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith(TRACKING_PARAMETERS)
    )
    return f"{path}?{urlencode(query)}" if query else path


def post_path(language: str, slug: str) -> str:
    """The normalised canonical address of a post with this slug in this language."""
    with translation.override(language):
        return normalise(reverse("public:post", kwargs={"slug": slug}))


def current_url(post: Post) -> str:
    """The post's address in its own language's part of the site."""
    with translation.override(post.language):
        return post.get_absolute_url()


def had_been_public(post: Post) -> bool:
    """Whether the post's address ever answered the public."""
    return post.is_public() or bool(
        post.withdrawn_at
        and post.published_at
        and post.published_at <= post.withdrawn_at
    )


def remember(address: str, post: Post | None, reason: str) -> Redirect | None:
    """Keep `address` answering for `post` (or 410 when None); None if it cannot be.

    An address that is the post's own current one is not kept: it needs no redirect.
    """
    old_path = normalise(address)
    if len(old_path) > MAX_PATH or "\x00" in old_path:
        return None
    if post is not None and old_path == post_path(post.language, post.slug):
        return None
    redirect, _ = Redirect.objects.update_or_create(
        old_path=old_path, defaults={"post": post, "reason": reason}
    )
    return redirect


def forget_current(post: Post) -> None:
    """The post now lives at its address: an old row for that address is obsolete."""
    Redirect.objects.filter(old_path=post_path(post.language, post.slug)).delete()


def forget_current_of_many(posts: list[Post]) -> None:
    """`forget_current` for many posts (created in bulk), in one query."""
    if Redirect.objects.exists():  # most sites have none: no address to work out
        paths = [post_path(post.language, post.slug) for post in posts]
        Redirect.objects.filter(old_path__in=paths).delete()


def _answer(request: HttpRequest, redirect: Redirect, url: str | None = None):
    post = redirect.post
    if post is None:
        return render(request, "redirects/gone.html", status=GONE_STATUS)
    if not had_been_public(post) and not post.is_public():
        return None  # a draft or scheduled post: its address is not known yet
    return HttpResponsePermanentRedirect(url or current_url(post))


def answer(request: HttpRequest) -> HttpResponse | None:
    """The answer for an old address of the old site or of this one, if it is known."""
    old_path = normalise(request.get_full_path())
    if len(old_path) > MAX_PATH or "\x00" in old_path:
        return None  # never stored, and PostgreSQL refuses NUL in a query
    redirect = Redirect.objects.select_related("post").filter(old_path=old_path).first()
    return None if redirect is None else _answer(request, redirect)


def answer_post_page(
    request: HttpRequest, posts_list: PostList, slug: str
) -> HttpResponse | None:
    """For a post page that found nothing: the post's old slug, in the same list.

    A post renamed in /en/ answers at /en/posts/old/ and also at /en/news/posts/old/,
    staying in the list the reader came from when the post is in it.
    """
    old_path = post_path(posts_list.language, slug)
    redirect = Redirect.objects.select_related("post").filter(old_path=old_path).first()
    if redirect is None:
        return None
    post = redirect.post
    url = None
    if (
        post is not None
        and post.language == posts_list.language
        and posts_list.is_filtered
        and posts_list.contains(post)
    ):
        url = posts_list.post_url(post)
    return _answer(request, redirect, url)


__all__ = ["Reason", "answer", "answer_post_page", "normalise", "remember"]
