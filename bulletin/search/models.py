"""The search index's own bookkeeping; the words live in backend tables (see backends/)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bulletin.posts.models import Post


class SearchEntry(models.Model):
    """One indexed post and its rank key.

    The key orders results newest first: publication time in seconds, shifted left,
    with the low bits of the post id to break ties. Backends store their words under
    the key (SQLite's FTS5 rowid; on PostgreSQL the title vector on this very row and
    the body vector in `search_body`), so a search can read matches in key order and
    stop after the first page's worth.
    """

    post = models.OneToOneField(
        Post, primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    key = models.BigIntegerField(_("rank key"), unique=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return f"{self.post_id}@{self.key}"
