"""Small copies of image attachments, for lists and social cards.

They live in their own table, not on Attachment, so the posts domain stays as it is,
and a list can fetch every thumbnail of a page in one query, with the width and
height an <img> or og:image needs, without opening a file.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bulletin.posts import clock
from bulletin.posts.models import Attachment


class Size(models.TextChoices):
    LIST = "list", _("List")
    CARD = "card", _("Social card")


# The box each size fits into (never cropped, never enlarged).
BOXES = {Size.LIST: (480, 480), Size.CARD: (1200, 630)}


def thumbnail_path(instance: Thumbnail, filename: str) -> str:
    # Random, like attachments: nothing of the upload's name reaches the disk.
    return f"thumbnails/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.jpg"


class Thumbnail(models.Model):
    attachment = models.ForeignKey(
        Attachment,
        verbose_name=_("attachment"),
        on_delete=models.CASCADE,
        related_name="thumbnails",
    )
    size = models.CharField(_("size"), max_length=10, choices=Size.choices)
    file = models.FileField(_("file"), upload_to=thumbnail_path, max_length=300)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    # The attachment file it was made from; a new upload makes a new thumbnail.
    source_name = models.CharField(_("made from"), max_length=300)
    created_at = models.DateTimeField(_("made"), default=clock.now)

    class Meta:
        verbose_name = _("thumbnail")
        verbose_name_plural = _("thumbnails")
        constraints = [
            models.UniqueConstraint(
                fields=["attachment", "size"], name="thumbnail_per_size"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attachment} ({self.size})"

    def get_absolute_url(self) -> str:
        return reverse(
            "thumbnails:image",
            kwargs={"attachment_id": self.attachment_id, "size": self.size},
        )


# Widths an image in a post's text is offered at (srcset); never enlarged.
RENDITION_WIDTHS = (480, 960, 1600)


def rendition_path(instance: Rendition, filename: str) -> str:
    return f"renditions/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}.jpg"


class Rendition(models.Model):
    """One width of a library image, as readers get it (JPEG, no EXIF)."""

    image = models.ForeignKey(
        "images.Image",
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="renditions",
    )
    file = models.FileField(_("file"), upload_to=rendition_path, max_length=300)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))

    class Meta:
        ordering = ["width"]
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(
                fields=["image", "width"], name="rendition_per_width"
            )
        ]

    def __str__(self) -> str:
        return f"{self.image} ({self.width}px)"

    def get_absolute_url(self) -> str:
        return reverse(
            "thumbnails:rendition",
            kwargs={"key": self.image.key, "width": self.width},
        )
