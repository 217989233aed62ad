"""A post's documents: added through the same content check as everywhere
(`bulletin.posts.uploads.inspect_upload`), removed by whoever may edit the post."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bulletin.accounts.access import staff_view, visible_post
from bulletin.accounts.roles import can_edit
from bulletin.posts.models import Attachment, Post
from bulletin.posts.uploads import allowed_description, inspect_upload


class AttachmentForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    file = forms.FileField(label=gettext_lazy("File"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = allowed_description()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = inspect_upload(upload)
        return upload


def _editable(request: HttpRequest, pk: int) -> Post:
    post = visible_post(request, pk)
    if not can_edit(request.user, post):
        raise PermissionDenied(_("You may not edit this post."))
    return post


@staff_view
def attachment_list(request: HttpRequest, pk: int) -> HttpResponse:
    post = visible_post(request, pk)
    editable = can_edit(request.user, post)
    form = (
        AttachmentForm(request.POST, request.FILES)
        if request.method == "POST"
        else AttachmentForm()
    )
    status = 200
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("You may not edit this post."))
        if form.is_valid():
            checked = form.checked
            with transaction.atomic():
                item = Attachment(
                    post=post,
                    title=form.cleaned_data["title"],
                    filename=checked.filename,
                    content_type=checked.content_type,
                    size=checked.size,
                    position=post.attachments.count(),
                )
                item.file.save(checked.filename, form.cleaned_data["file"], save=False)
                item.save()
            messages.success(request, _("Document added."))
            return redirect("editorial:attachments", pk=post.pk)
        status = 400
    return render(
        request,
        "editorial/attachments.html",
        {
            "post": post,
            "attachments": post.attachments.all(),
            "form": form,
            "can_edit": editable,
        },
        status=status,
    )


@staff_view
@require_POST
def attachment_delete(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    post = _editable(request, pk)
    item = get_object_or_404(post.attachments, pk=item_id)
    item.file.delete(save=False)
    item.delete()
    messages.success(request, _("Document removed."))
    return redirect("editorial:attachments", pk=post.pk)
