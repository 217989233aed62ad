"""What a translation was made from, so the back office can tell when it is out of date."""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _

from bulletin.posts import clock
from bulletin.posts.models import Post

# The fields a translator translates: a change to any of them makes translations stale;
# a change of status, pin or slug does not.
TRANSLATED_FIELDS = (
    "title",
    "summary",
    "body",
    "event_start",
    "event_end",
    "event_timezone",
    "event_location",
    "event_online_url",
)


def content_fingerprint(post: Post) -> str:
    text = "\x1f".join(str(getattr(post, name) or "") for name in TRANSLATED_FIELDS)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class TranslationSource(models.Model):
    """A translation and the original it was made from, as the original was then."""

    post = models.OneToOneField(
        Post,
        verbose_name=_("translation"),
        on_delete=models.CASCADE,
        related_name="translation_source",
    )
    source = models.ForeignKey(
        Post,
        verbose_name=_("original"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_updated_at = models.DateTimeField(_("original last updated"))
    source_fingerprint = models.CharField(
        _("original content fingerprint"), max_length=32
    )
    recorded_at = models.DateTimeField(_("recorded"), default=clock.now)

    class Meta:
        verbose_name = _("translation source")
        verbose_name_plural = _("translation sources")

    def __str__(self) -> str:
        return f"{self.post_id} ← {self.source_id}"

    def record(self, source: Post) -> None:
        """Note the original as it is now: the translation matches it."""
        self.source = source
        self.source_updated_at = source.updated_at
        self.source_fingerprint = content_fingerprint(source)
        self.recorded_at = clock.now()

    def is_outdated(self, source: Post | None = None) -> bool:
        """The original's translated text changed after this translation was made."""
        source = source or self.source
        return (
            source is not None
            and content_fingerprint(source) != self.source_fingerprint
        )
