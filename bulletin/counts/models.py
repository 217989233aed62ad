"""How many times each post was read and each document downloaded.

Only totals are kept: no dates, no addresses, no cookies, nothing about the reader.
The rows are written by `buffer.flush()`, never by a reader's request.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bulletin.posts.models import Attachment, Post


class PostViews(models.Model):
    post = models.OneToOneField(
        Post, on_delete=models.CASCADE, primary_key=True, related_name="view_count"
    )
    views = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("views of a post")
        verbose_name_plural = _("views of posts")

    def __str__(self) -> str:
        return f"{self.post_id}: {self.views}"


class AttachmentDownloads(models.Model):
    attachment = models.OneToOneField(
        Attachment,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="download_count",
    )
    downloads = models.PositiveBigIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("downloads of a document")
        verbose_name_plural = _("downloads of documents")

    def __str__(self) -> str:
        return f"{self.attachment_id}: {self.downloads}"
