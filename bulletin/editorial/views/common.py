"""What every back-office view shares: who may come in, and which posts they see."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from bulletin.editorial.roles import can_see, role_of
from bulletin.editorial.services import WorkflowError
from bulletin.posts.models import Post


def staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in people with a role only; others are sent to sign in or refused."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if role_of(request.user) is None:
            raise PermissionDenied("No editorial role")
        return view(request, *args, **kwargs)

    return wrapped


def visible_post(request: HttpRequest, pk: int) -> Post:
    """The post, or 404 if it does not exist *or* this person may not see it, so its
    existence does not leak."""
    post = Post.objects.filter(pk=pk).select_related("author").first()
    if post is None or not can_see(request.user, post):
        raise Http404("No such post")
    return post


def refused(
    request: HttpRequest, error: WorkflowError, post: Post | None = None
) -> HttpResponse:
    """The page for a step the services refused: 403 if not allowed, 409 if the post's
    state does not allow it, always with the reason."""
    return render(
        request,
        "editorial/refused.html",
        {"message": str(error), "post": post},
        status=error.status,
    )
