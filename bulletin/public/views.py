"""What readers see. Views stay thin: the rules live in bulletin.posts."""

from __future__ import annotations

import hashlib

from django.core.exceptions import BadRequest
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from bulletin.posts import attachments, siteaddress
from bulletin.posts.archive import year_counts
from bulletin.posts.httpcache import reads_query
from bulletin.posts.listing import (
    KIND_SEGMENTS,
    SEGMENT_KINDS,
    PostList,
    neighbours,
    page,
    page_keys,
    page_of,
    topics,
)
from bulletin.posts.models import STREAM_KINDS, Attachment, Post, Topic
from bulletin.posts.postpage import (
    attachments_of,
    change_notes_of,
    public_post,
    topics_of,
)
from bulletin.public.pagination import PageLinks, requested_page
from bulletin.public.summaries import summaries
from bulletin.public.withdrawn import withdrawal_notice
from bulletin.redirects.addresses import answer_post_page

FIRST_YEAR = 1900
LAST_YEAR = 9998  # the archive of year Y reads up to 1 January Y+1


def _post_list(kind: str | None, topic: str | None, year: str | None) -> PostList:
    """The list named by URL segments, or 404 for an unknown topic or impossible year."""
    topic_obj = None
    if topic:
        topic_obj = next((t for t in topics() if t.slug == topic), None)
        if topic_obj is None:
            raise Http404("No such topic")
    year_number = int(year) if year else None
    if year_number is not None and not FIRST_YEAR <= year_number <= LAST_YEAR:
        raise Http404("No such year")
    return PostList(
        language=get_language(),
        kind=SEGMENT_KINDS[kind] if kind else None,
        topic=topic_obj,
        year=year_number,
    )


def _section(posts_list: PostList) -> str:
    """Which item of the site navigation the list belongs to."""
    if posts_list.year:
        return "archive"
    if posts_list.kind:
        return posts_list.kind
    return "topics" if posts_list.topic else "all"


def _filter_choices(all_topics: list[Topic], years: list[tuple[int, int]]) -> str:
    """What the filter form offers, as a short key: topics' addresses and names in the
    active language, and the years that have posts."""
    offered = (
        [(topic.slug, topic.local_name) for topic in all_topics],
        [year for year, _count in years],
    )
    return hashlib.blake2b(repr(offered).encode(), digest_size=8).hexdigest()


@reads_query("page")
def post_list(
    request: HttpRequest,
    kind: str | None = None,
    topic: str | None = None,
    year: str | None = None,
) -> HttpResponse:
    posts_list = _post_list(kind, topic, year)
    number = requested_page(request)
    keys = page_keys(posts_list)
    if number > keys.num_pages:
        raise Http404("No such page")
    all_topics, years = topics(), year_counts(posts_list.language)
    return render(
        request,
        "public/post_list.html",
        {
            "post_list": posts_list,
            "posts": summaries(posts_list, page(posts_list, number, keys)),
            "pinned": summaries(posts_list, posts_list.pinned()) if number == 1 else [],
            "pages": PageLinks(number=number, num_pages=keys.num_pages),
            "count": keys.count,
            "topics": all_topics,
            "kinds": STREAM_KINDS,
            "years": years,
            "heading": posts_list.heading(),
            "section": _section(posts_list),
            # The filter form is kept while its choices stay the same: a publication
            # that brings no new topic or year does not make it again.
            "filter_choices": _filter_choices(all_topics, years),
        },
    )


@reads_query()
def post_detail(
    request: HttpRequest,
    slug: str,
    kind: str | None = None,
    topic: str | None = None,
    year: str | None = None,
) -> HttpResponse:
    posts_list = _post_list(kind, topic, year)
    post = public_post(get_language(), slug)
    if post is None:
        # A withdrawn post's address keeps answering, with its withdrawal notice.
        notice = withdrawal_notice(request, get_language(), slug)
        if notice is None:
            notice = answer_post_page(request, posts_list, slug)  # an old slug?
        if notice is None:
            raise Http404("No such post")
        return notice
    post_topics = topics_of(post)
    if not posts_list.holds(post, post_topics):
        if posts_list.is_filtered:
            raise Http404("This post is not in that list")
        # An expired notice has left the default list; it is browsed in its year.
        posts_list = PostList(language=posts_list.language, year=post.published_at.year)
    newer, older = neighbours(posts_list, post)
    list_page = page_of(posts_list, post, page_keys(posts_list))
    return render(
        request,
        "public/post_detail.html",
        {
            "post": post,
            "post_list": posts_list,
            "list_url": posts_list.url(list_page),
            "newer": newer,
            "older": older,
            "newer_url": posts_list.post_url(newer) if newer else None,
            "older_url": posts_list.post_url(older) if older else None,
            "attachments": attachments_of(post),
            # Accessible formats and the request form (a preview has no public ones).
            "offers_formats": True,
            "change_notes": change_notes_of(post),
            "post_topics": post_topics,
            "section": _section(posts_list),
            "canonical_url": siteaddress.site_url(request) + post.get_absolute_url(),
        },
    )


@reads_query()
def archive(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/archive.html",
        {"years": year_counts(get_language()), "section": "archive"},
    )


@reads_query()
def topic_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/topic_index.html",
        {"topics": topics(), "section": "topics"},
    )


def attachment(request: HttpRequest, pk: int, filename: str) -> FileResponse:
    """Serve a file only while its post is public; the type is the one checked on upload."""
    item = get_object_or_404(
        Attachment.objects.filter(post__in=Post.objects.public()),
        pk=pk,
        filename=filename,
    )
    return attachments.download(item)


@reads_query("kind", "topic", "year")
def filter_redirect(request: HttpRequest) -> HttpResponse:
    """Turn the filter form's query into the list's clean, linkable address."""
    kind = request.GET.get("kind", "")
    topic = request.GET.get("topic", "")
    year = request.GET.get("year", "")
    if kind and kind not in KIND_SEGMENTS:
        raise BadRequest("Unknown kind")
    if year and not (year.isascii() and year.isdigit() and len(year) == 4):
        raise BadRequest("A year has four digits")
    if topic and not Topic.objects.filter(slug=topic).exists():
        raise BadRequest("Unknown topic")
    segments = {
        "kind": KIND_SEGMENTS.get(kind),
        "topic": topic or None,
        "year": year or None,
    }
    return redirect(
        reverse("public:list", kwargs={k: v for k, v in segments.items() if v})
    )
