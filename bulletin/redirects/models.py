"""Old addresses of posts: one table for every way an address stops being current.

A row maps an old path (and query) to the post that lived there. The answer follows
the post, not a stored target, so a post renamed twice or imported and then renamed
still redirects in one hop to wherever it is now. A row without a post is an address
whose post was deleted: it answers 410 Gone, like a withdrawn post.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bulletin.posts import clock
from bulletin.posts.models import Post

# Stored decoded; 500 characters keep the unique index within PostgreSQL's limit
# even for paths written entirely in four-byte characters.
MAX_PATH = 500


class Reason(models.TextChoices):
    RENAMED = "renamed", _("Address changed")
    IMPORTED = "imported", _("Address on the old site")
    DELETED = "deleted", _("Post deleted")


class Redirect(models.Model):
    old_path = models.CharField(
        _("old address"),
        max_length=MAX_PATH,
        unique=True,
        help_text=_("A path on this site, with its query if it had one."),
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="old_addresses",
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    created_at = models.DateTimeField(_("created"), default=clock.now)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self) -> str:
        return self.old_path
