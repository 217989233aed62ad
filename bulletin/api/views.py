"""The read API's operations. Every query starts from `Post.objects.public()`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Greatest
from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from bulletin.api import cursors
from bulletin.api.conditional import conditional
from bulletin.api.schemas import (
    Error,
    PostFilters,
    PostOut,
    PostPage,
    TopicList,
    ValidationErrors,
)
from bulletin.api.serializers import post_data, topic_data
from bulletin.posts import clock
from bulletin.posts.models import Post, PostQuerySet, Topic

MAX_ID = 2**63 - 1

router = Router(tags=["v1"])

LIST_RESPONSES = {200: PostPage, 400: Error, 404: Error, 422: ValidationErrors}
POST_RESPONSES = {200: PostOut, 404: Error, 422: ValidationErrors}
TOPICS_RESPONSES = {200: TopicList}


def _public_posts() -> PostQuerySet:
    return (
        Post.objects.public(clock.now())
        .annotate(changed_at=Greatest(F("updated_at"), F("published_at")))
        .prefetch_related("topics", "attachments", "change_notes")
    )


def _next_url(request: HttpRequest, token: str) -> str:
    params = request.GET.copy()
    params["cursor"] = token
    return request.build_absolute_uri(
        f"{request.path}?{urlencode(sorted(params.items()))}"
    )


@router.get(
    "/posts",
    response=LIST_RESPONSES,
    url_name="posts",
    operation_id="listPosts",
    summary="List public posts",
)
@decorate_view(conditional)
def list_posts(request: HttpRequest, filters: Query[PostFilters]):
    """Public posts, newest first; or, with `updated_since`, oldest change first.

    Pages are linked by an opaque cursor: posts published while a client pages through
    do not shift or repeat the posts it has yet to see.
    """
    kind, topic, language = filters.kind, filters.topic, filters.language
    updated_since, cursor, limit = filters.updated_since, filters.cursor, filters.limit
    posts = _public_posts()
    if kind:
        posts = posts.filter(kind=kind)
    if language:
        posts = posts.filter(language=language)
    if topic:
        topic_obj = Topic.objects.filter(slug=topic).first()
        if topic_obj is None:
            raise HttpError(404, f"There is no topic {topic!r}.")
        links = Post.topics.through.objects.filter(post=OuterRef("pk"), topic=topic_obj)
        posts = posts.filter(Exists(links))

    if updated_since:
        order = cursors.BY_UPDATED
        posts = posts.filter(changed_at__gte=updated_since).order_by("changed_at", "id")
    else:
        order = cursors.BY_PUBLISHED
        posts = posts.order_by("-published_at", "-id")

    if cursor:
        try:
            after = cursors.Cursor.decode(cursor, order)
        except cursors.InvalidCursor as error:
            raise HttpError(400, str(error)) from error
        if order == cursors.BY_UPDATED:
            posts = posts.filter(
                Q(changed_at__gt=after.at) | Q(changed_at=after.at, id__gt=after.pk)
            )
        else:
            posts = posts.filter(
                Q(published_at__lt=after.at) | Q(published_at=after.at, id__lt=after.pk)
            )

    # One more than a page tells whether there is a next page without counting.
    found = list(posts[: limit + 1])
    shown = found[:limit]
    next_token = None
    if len(found) > limit:
        last = shown[-1]
        at = last.changed_at if order == cursors.BY_UPDATED else last.published_at
        next_token = cursors.Cursor(order=order, at=at, pk=last.pk).encode()
    return {
        "results": [post_data(request, post) for post in shown],
        "next": _next_url(request, next_token) if next_token else None,
        "next_cursor": next_token,
    }


@router.get(
    "/posts/{post_id}",
    response=POST_RESPONSES,
    url_name="post",
    operation_id="getPost",
    summary="One public post",
)
@decorate_view(conditional)
def get_post(request: HttpRequest, post_id: int = Path(..., ge=1, le=MAX_ID)):
    """A public post by id. Drafts, scheduled and withdrawn posts answer 404."""
    post = _public_posts().filter(pk=post_id).first()
    if post is None:
        raise HttpError(404, "No public post has this id.")
    return post_data(request, post)


@router.get(
    "/topics",
    response=TOPICS_RESPONSES,
    url_name="topics",
    operation_id="listTopics",
    summary="List topics",
)
@decorate_view(conditional)
def list_topics(request: HttpRequest):
    """Every topic, by name, with the number of public posts that carry it."""
    public = Post.objects.public(clock.now())
    topics = Topic.objects.annotate(
        post_count=Count("posts", filter=Q(posts__in=public), distinct=True)
    ).order_by("name")
    return {"results": [topic_data(request, topic) for topic in topics]}


# HEAD answers like GET (the WSGI server sends no body). It stays out of the OpenAPI
# document, which describes each address by its GET.
for _path, _view, _responses in (
    ("/posts", list_posts, LIST_RESPONSES),
    ("/posts/{post_id}", get_post, POST_RESPONSES),
    ("/topics", list_topics, TOPICS_RESPONSES),
):
    router.add_api_operation(
        _path, ["HEAD"], _view, response=_responses, include_in_schema=False
    )
