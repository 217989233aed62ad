"""What each import brought in, so running it again updates instead of duplicating."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bulletin.posts import clock
from bulletin.posts.models import Post


class ImportedPost(models.Model):
    """One item of another site, by its stable id there, and the post it became.

    The fingerprint says whether the item changed since the last run; the post's
    version at that run says whether someone edited it here since (then a new run
    leaves it alone unless asked to overwrite). A post deleted here keeps its row
    without a post, so the next run does not bring it back.
    """

    source = models.CharField(_("source"), max_length=20)
    source_id = models.CharField(_("id at the source"), max_length=500)
    source_url = models.URLField(
        _("address at the source"), max_length=1000, blank=True
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    post_version = models.PositiveIntegerField(_("post version"), default=0)
    # Source address of each file → the attachment made from it, so a new run
    # keeps files it already has instead of fetching them again.
    files = models.JSONField(_("files"), default=dict, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    imported_at = models.DateTimeField(_("imported"), default=clock.now)

    class Meta:
        verbose_name = _("imported post")
        verbose_name_plural = _("imported posts")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], name="imported_post_unique_source_id"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_id}"


class CrawlState(models.Model):
    """Where a polite crawl of a board stopped, so the next run goes on from there."""

    start_url = models.URLField(_("start address"), max_length=1000, unique=True)
    queue = models.JSONField(_("still to fetch"), default=list)
    seen = models.JSONField(_("fetched"), default=list)
    finished = models.BooleanField(_("finished"), default=False)
    updated_at = models.DateTimeField(_("updated"), default=clock.now)

    class Meta:
        verbose_name = _("crawl")
        verbose_name_plural = _("crawls")

    def __str__(self) -> str:
        return self.start_url
