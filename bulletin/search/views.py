"""The public search page, and the staff search across every post (under /manage/)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import BadRequest
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString

from bulletin.accounts.access import staff_view
from bulletin.accounts.roles import posts_visible_to
from bulletin.posts.httpcache import reads_query
from bulletin.posts.models import STREAM_KINDS, Post, PostQuerySet, Topic
from bulletin.search.forms import SearchFilterForm
from bulletin.search.highlight import highlight, snippet
from bulletin.search.indexing import plain_text
from bulletin.search.query import ParsedQuery, parse
from bulletin.search.searching import (
    MAX_RESULTS,
    Matches,
    search_all,
    search_public,
    visible,
)

PAGE_SIZE = 20


@dataclass(frozen=True)
class Hit:
    post: Post
    url: str
    title: SafeString
    snippet: SafeString


def _public_url(post: Post) -> str:
    if post.language == translation.get_language():
        return post.get_absolute_url()
    with translation.override(post.language):
        return post.get_absolute_url()


def _staff_url(post: Post) -> str:
    return reverse("editorial:post", args=[post.pk])


def _hits(page: Page, posts: PostQuerySet, query: ParsedQuery, url) -> list[Hit]:
    by_id = visible(posts, list(page.object_list)).in_bulk()
    hits = []
    for post_id in page.object_list:
        post = by_id.get(post_id)
        if post is None:
            continue  # changed since the matches were read
        text = " ".join(filter(None, [post.summary, plain_text(post.body)]))
        hits.append(
            Hit(post, url(post), highlight(post.title, query), snippet(text, query))
        )
    return hits


def _page_query(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _search(request: HttpRequest, *, staff: bool) -> dict:
    form = SearchFilterForm(request.GET)
    if not form.is_valid():
        raise BadRequest("Unknown filter value")
    query = parse(request.GET.get("q", ""))
    filters = form.filters()
    # Staff see what the back office shows them: editors every post, authors their own.
    posts = posts_visible_to(request.user) if staff else Post.objects.public()
    if not query:
        matches = Matches(ids=[], more=False)
    elif staff:
        matches = search_all(query, filters, posts)
    else:
        matches = search_public(query, filters)
    page = Paginator(matches.ids, PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "form": form,
        "query": query,
        "search_query": query.text,
        "searched": bool(query.text),
        "count": len(matches.ids),
        "more": matches.more,
        "max_results": MAX_RESULTS,
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(
            page.number, on_each_side=2
        ),
        "page_query": _page_query(request),
        "hits": _hits(page, posts, query, _staff_url if staff else _public_url),
        "topics": Topic.objects.all(),
        "kinds": STREAM_KINDS,
        "staff": staff,
        "section": "search",
    }


@reads_query("q", "page", *SearchFilterForm.base_fields)
def search(request: HttpRequest) -> HttpResponse:
    return render(request, "search/results.html", _search(request, staff=False))


@staff_view
def staff_search(request: HttpRequest) -> HttpResponse:
    # Under /manage/: the back office's middleware adds no-store and noindex.
    return render(request, "search/results.html", _search(request, staff=True))
