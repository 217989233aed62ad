"""Accessible formats of a document: an HTML version, a plain-text or large-print
file, or another format a reader asked for.

An HTML version is kept as sanitised HTML and shown as a page of the site (an
uploaded HTML file would be refused by the upload gate); the others are files that
pass the very same gate as attachments (`posts.uploads.inspect_upload`).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bulletin.posts import clock
from bulletin.posts.models import Attachment
from bulletin.posts.sanitize import sanitize_html


class Format(models.TextChoices):
    HTML = "html", _("HTML version")
    TEXT = "text", _("Plain text")
    LARGE_PRINT = "large_print", _("Large print")
    EASY_READ = "easy_read", _("Easy read")
    OTHER = "other", _("Other format")


def alternative_path(instance: Alternative, filename: str) -> str:
    return f"alternatives/{uuid.uuid4().hex[:2]}/{uuid.uuid4().hex}"


class Alternative(models.Model):
    attachment = models.ForeignKey(
        Attachment,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="alternatives",
    )
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    html = models.TextField(_("HTML version"), blank=True)
    file = models.FileField(
        _("file"), upload_to=alternative_path, max_length=300, blank=True
    )
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("type"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    created_at = models.DateTimeField(_("added"), default=clock.now)

    class Meta:
        ordering = ["format", "id"]
        verbose_name = _("accessible format")
        verbose_name_plural = _("accessible formats")

    def __str__(self) -> str:
        return self.get_format_display()

    def save(self, *args, **kwargs) -> None:
        self.html = sanitize_html(self.html.replace("\x00", ""))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("alternatives:alternative", kwargs={"pk": self.pk})
