"""The media library: images staff upload once and place in any number of posts.

An image is not an attachment: it belongs to no one post, is never listed as a
document, and readers only ever get the renditions the thumbnails app makes from it
(re-encoded, without EXIF), never the uploaded file itself.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bulletin.posts import clock


def image_path(instance: Image, filename: str) -> str:
    # Random names, like attachments: an uploaded name never reaches the disk.
    return f"images/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}"


class Image(models.Model):
    # The public address uses the key, not the id, so library images cannot be
    # enumerated before the posts that use them are published.
    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("For finding the image in the library; readers do not see it."),
    )
    file = models.FileField(_("file"), upload_to=image_path, max_length=300)
    content_type = models.CharField(_("type"), max_length=50)
    width = models.PositiveIntegerField(_("width"), default=0)
    height = models.PositiveIntegerField(_("height"), default=0)
    # Alt text by language code: {"en": "…", "fr": "…"}. The text written in a post
    # wins; these are what the editor proposes, and fill in where a post has none.
    alt_texts = models.JSONField(_("alt text"), default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), default=clock.now)
    updated_at = models.DateTimeField(_("replaced"), default=clock.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("image")
        verbose_name_plural = _("images")
        indexes = [models.Index(fields=["-created_at", "-id"], name="image_newest_idx")]

    def __str__(self) -> str:
        return self.title

    def alt_for(self, language: str) -> str:
        """The library's alt text in this language, else in the site's language."""
        texts = self.alt_texts or {}
        return texts.get(language) or texts.get(settings.LANGUAGE_CODE) or ""
