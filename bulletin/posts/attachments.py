"""Files attached to a post, served only through the view that checks the post is public.

A model of the posts app (app label `posts`), kept in its own module and re-exported
from `bulletin.posts.models`; the upload checks are in `posts.uploads`.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bulletin.posts import clock, text
from bulletin.posts.serving import file_response


def attachment_path(instance: Attachment, filename: str) -> str:
    # Random names: an uploaded name never reaches the file system.
    return f"attachments/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    post = models.ForeignKey(
        "posts.Post",
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = text.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    filename = text.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("added"), default=clock.now)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "public:attachment", kwargs={"pk": self.pk, "filename": self.filename}
        )


def download(item: Attachment) -> FileResponse:
    """The file as a download of the type checked on upload, for readers and previews
    alike (who may see it is the caller's question); gone from storage, a 404."""
    response = file_response(item.file, as_attachment=True, filename=item.filename)
    response["Content-Type"] = item.content_type
    return response
