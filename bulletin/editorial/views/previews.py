"""Previews: the post drawn by the public template, for staff and for share links."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bulletin.accounts.access import staff_view, visible_post
from bulletin.editorial import previews, services
from bulletin.editorial.views.common import refused
from bulletin.posts import attachments
from bulletin.posts.models import Attachment, Post


@dataclass(frozen=True)
class PreviewDocument:
    """An attachment as the preview lists it: its link opens it through the preview,
    since the public download answers only once the post is public."""

    item: Attachment
    url: str

    def __getattr__(self, name: str):
        return getattr(self.item, name)

    def get_absolute_url(self) -> str:
        return self.url


def _documents(post: Post, token: str | None) -> list[PreviewDocument]:
    documents = []
    for item in post.attachments.all():
        if token is None:
            url = reverse(
                "editorial:preview_document", args=[post.pk, item.pk, item.filename]
            )
        else:
            url = reverse(
                "editorial:shared_document", args=[token, item.pk, item.filename]
            )
        documents.append(PreviewDocument(item, url))
    return documents


def _render(
    request: HttpRequest, post: Post, *, shared: bool, token: str | None = None
) -> HttpResponse:
    shown, topics = previews.as_previewed(post)
    return render(
        request,
        "editorial/preview.html",
        {
            "post": shown,
            "post_topics": topics,
            "attachments": _documents(post, token),
            "change_notes": post.change_notes.all(),
            "list_url": reverse("public:list"),
            "shared": shared,
            "pending": shown is not post,
            "live": post.is_public(),
            "back_url": None if shared else reverse("editorial:post", args=[post.pk]),
        },
    )


@staff_view
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, visible_post(request, pk), shared=False)


def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """Open to anyone holding a valid link; a bad, expired or revoked one is a 404."""
    link = previews.resolve(token)
    if link is None:
        raise Http404("No such preview")
    response = _render(request, link.post, shared=True, token=token)
    # The address is the key: keep it out of Referer headers.
    response["Referrer-Policy"] = "no-referrer"
    return response


@staff_view
def preview_document(request: HttpRequest, pk: int, item_id: int, filename: str):
    post = visible_post(request, pk)
    return attachments.download(
        get_object_or_404(post.attachments, pk=item_id, filename=filename)
    )


def shared_document(request: HttpRequest, token: str, item_id: int, filename: str):
    """A document of the shared post, and of no other post."""
    link = previews.resolve(token)
    if link is None:
        raise Http404("No such preview")
    item = get_object_or_404(link.post.attachments, pk=item_id, filename=filename)
    response = attachments.download(item)
    response["Referrer-Policy"] = "no-referrer"
    return response


@staff_view
@require_POST
def link_create(request: HttpRequest, pk: int) -> HttpResponse:
    post = visible_post(request, pk)
    try:
        link = previews.create_link(post, request.user)
    except services.WorkflowError as error:
        return refused(request, error, post)
    address = request.build_absolute_uri(
        reverse("editorial:shared", args=[previews.token(link)])
    )
    messages.success(request, _("Share link made: %(url)s") % {"url": address})
    return redirect("editorial:post", pk=post.pk)


@staff_view
@require_POST
def link_revoke(request: HttpRequest, pk: int, link_id: int) -> HttpResponse:
    post = visible_post(request, pk)
    link = get_object_or_404(post.preview_links, pk=link_id)
    try:
        previews.revoke_link(link, request.user)
    except services.WorkflowError as error:
        return refused(request, error, post)
    messages.success(request, _("Share link revoked."))
    return redirect("editorial:post", pk=post.pk)
