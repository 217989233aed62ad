"""Where the post form sends what is typed, a few seconds after typing stops
(editorial/static/editorial/autosave.js), and where a kept copy is thrown away."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bulletin.accounts.access import staff_view, visible_post
from bulletin.accounts.roles import can_edit
from bulletin.editorial import autosave


def _kept(request: HttpRequest, post) -> JsonResponse:
    kept = autosave.keep(request.user, post, request.POST)
    at = formats.time_format(timezone.localtime(kept.saved_at), "TIME_FORMAT")
    return JsonResponse(
        {
            "saved_at": kept.saved_at.isoformat(),
            "message": _("Your unsaved changes are kept on the server (%(time)s).")
            % {"time": at},
        }
    )


def _editable(request: HttpRequest, pk: int):
    post = visible_post(request, pk)
    if not can_edit(request.user, post):
        raise PermissionDenied(_("You may not edit this post."))
    return post


@staff_view
@require_POST
def keep_new(request: HttpRequest) -> JsonResponse:
    if not request.user.has_perm("posts.add_post"):
        raise PermissionDenied
    return _kept(request, None)


@staff_view
@require_POST
def keep_edit(request: HttpRequest, pk: int) -> JsonResponse:
    return _kept(request, _editable(request, pk))


@staff_view
@require_POST
def discard(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    post = _editable(request, pk) if pk is not None else None
    autosave.forget(request.user, post)
    messages.success(request, _("The kept changes were thrown away."))
    if post is None:
        return redirect("editorial:post_create")
    return redirect("editorial:post_edit", pk=post.pk)
