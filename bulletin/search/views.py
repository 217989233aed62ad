"""The public search page, and the staff search across every post (under /manage/)."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bulletin.accounts.access import staff_view
from bulletin.accounts.roles import posts_visible_to
from bulletin.posts.httpcache import reads_query
from bulletin.posts.listing import topics
from bulletin.posts.models import Post, PostQuerySet
from bulletin.search import rows
from bulletin.search.forms import SearchFilterForm
from bulletin.search.query import ParsedQuery, parse
from bulletin.search.searching import (
    MAX_RESULTS,
    Matches,
    search_all,
    search_public,
    visible,
)

PAGE_SIZE = 20


def _hits(page: Page, posts: PostQuerySet, query: ParsedQuery, staff: bool) -> list:
    ids = list(page.object_list)
    if not ids:
        return []
    by_id = {row["id"]: row for row in visible(posts, ids).values(*rows.FIELDS)}
    # A post changed since the matches were read is left out.
    found = [by_id[post_id] for post_id in ids if post_id in by_id]
    address = rows.staff_address if staff else rows.PublicAddresses()
    return rows.results(found, query, address, staff=staff)


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
        "hits": _hits(page, posts, query, staff),
        **rows.filter_options(form, topics()),
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
