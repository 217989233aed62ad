"""A post's revisions: the list, the difference between any two, restoring one."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bulletin.accounts.access import staff_view, visible_post
from bulletin.accounts.roles import can_edit
from bulletin.editorial import revisions, services
from bulletin.editorial.views.common import refused


@staff_view
def revision_list(request: HttpRequest, pk: int) -> HttpResponse:
    post = visible_post(request, pk)
    items = list(post.revisions.select_related("created_by"))
    return render(
        request,
        "editorial/revision_list.html",
        {"post": post, "revisions": items, "can_edit": can_edit(request.user, post)},
    )


def _number(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):
        raise Http404("Not a revision number")
    return int(value)


@staff_view
def revision_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """Compare revision `a` (older) with `b` (newer); by default the two newest."""
    post = visible_post(request, pk)
    a_number, b_number = _number(request, "a"), _number(request, "b")
    if b_number is None:
        b_number = post.revisions.values_list("number", flat=True).first()
    if a_number is None and b_number is not None:
        a_number = (
            post.revisions.filter(number__lt=b_number)
            .values_list("number", flat=True)
            .first()
        )
    if a_number is None or b_number is None:
        raise Http404("Nothing to compare")
    older = get_object_or_404(post.revisions, number=a_number)
    newer = get_object_or_404(post.revisions, number=b_number)
    return render(
        request,
        "editorial/revision_diff.html",
        {
            "post": post,
            "older": older,
            "newer": newer,
            "changes": revisions.diff(older.data, newer.data),
            "numbers": list(post.revisions.values_list("number", flat=True)),
        },
    )


@staff_view
@require_POST
def revision_restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    post = visible_post(request, pk)
    revision = get_object_or_404(post.revisions, number=number)
    try:
        post = services.restore(post, request.user, revision)
    except services.WorkflowError as error:
        return refused(request, error, post)
    if post.is_public():
        messages.success(
            request, _("Revision %(n)s restored as a prepared change.") % {"n": number}
        )
    else:
        messages.success(request, _("Revision %(n)s restored.") % {"n": number})
    return redirect("editorial:post", pk=post.pk)
