"""Topics: what posts are about, with their names in every language.

A model of the posts app (app label `posts`), kept in its own module and re-exported
from `bulletin.posts.models`.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bulletin.posts import text


class Topic(models.Model):
    # The name in the site's language; `names` holds it in the others.
    name = text.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    description = text.TextField(_("description"), blank=True)
    # Name by language code: {"fr": "Eau", "de": "Wasser"}. Kept on the row, so a
    # list of topics costs no query more in any language.
    names = models.JSONField(_("names in other languages"), default=dict, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:100] or uuid.uuid4().hex
        super().save(*args, **kwargs)

    def name_in(self, language: str | None) -> str:
        """The topic's name in `language`, else in the site's language."""
        names = self.names if isinstance(self.names, dict) else {}
        return names.get(language or "") or self.name

    @property
    def local_name(self) -> str:
        """The name in the language being spoken (the page's, the feed's)."""
        return self.name_in(get_language())
