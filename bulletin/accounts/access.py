"""Who may come into a staff page, and which posts they may open there.

Every staff area (the back office, translations, staff search) asks the same two
questions, so they live beside the roles rather than in any one of those apps.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from bulletin.accounts.roles import can_see, role_of
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
