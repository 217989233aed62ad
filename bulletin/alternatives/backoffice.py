"""The back office page of a document's accessible formats:
/manage/formats/<attachment id>/. Who may edit the post may add or remove them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bulletin.accounts.access import staff_view, visible_post
from bulletin.accounts.roles import can_edit
from bulletin.alternatives.forms import AlternativeForm
from bulletin.alternatives.models import Alternative
from bulletin.posts.models import Attachment
from bulletin.posts.state import bump_content_version


def _attachment(request: HttpRequest, pk: int) -> Attachment:
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404("No such document")
    visible_post(request, attachment.post_id)  # 404 unless this person may see it
    return attachment


@staff_view
def formats(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment(request, pk)
    editable = can_edit(request.user, attachment.post)
    form = AlternativeForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("May not edit this post")
        if form.is_valid():
            alternative = form.save(commit=False)
            alternative.attachment = attachment
            alternative.save()
            bump_content_version(days=())  # the post's page, no list's
            messages.success(request, _("The accessible format is added."))
            return redirect("alternatives_manage:formats", pk=attachment.pk)
        status = 400
    return render(
        request,
        "alternatives/manage.html",
        {
            "attachment": attachment,
            "post": attachment.post,
            "alternatives": attachment.alternatives.all(),
            "form": form,
            "can_edit": editable,
            "section": "posts",
        },
        status=status,
    )


@require_POST
@staff_view
def remove(request: HttpRequest, pk: int, alternative: int) -> HttpResponse:
    attachment = _attachment(request, pk)
    if not can_edit(request.user, attachment.post):
        raise PermissionDenied("May not edit this post")
    get_object_or_404(Alternative, pk=alternative, attachment=attachment).delete()
    bump_content_version(days=())  # the post's page, no list's
    messages.success(request, _("The accessible format is removed."))
    return redirect("alternatives_manage:formats", pk=attachment.pk)
