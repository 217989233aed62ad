"""The domain of Bulletin: posts and their public change notes.

The rest of the domain stands in modules of its own and is re-exported here, so
`from bulletin.posts.models import Topic` keeps working and Django finds every model
of the app here: the kinds and statuses (`posts.choices`), which posts each channel
shows (`posts.queryset`, where `PostQuerySet.public()` is the one visibility rule),
topics (`posts.topics`), attachments (`posts.attachments`) and the counters caches
are keyed by (`posts.contentversion`).
"""

from __future__ import annotations

import uuid
from collections.abc import Container
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from bulletin.posts import clock, text
from bulletin.posts.attachments import Attachment, attachment_path
from bulletin.posts.choices import STREAM_KINDS, Kind, Status
from bulletin.posts.contentversion import ChangedDay, ContentVersion, StoredPageIndex
from bulletin.posts.queryset import PostQuerySet
from bulletin.posts.sanitize import sanitize_html
from bulletin.posts.topics import Topic
from bulletin.posts.zones import validate_time_zone, zone_named

__all__ = [
    "STREAM_KINDS",
    "Attachment",
    "ChangeNote",
    "ChangedDay",
    "ContentVersion",
    "Kind",
    "Post",
    "PostQuerySet",
    "Status",
    "StoredPageIndex",
    "Topic",
    # Named by migration 0001 (the attachments' upload_to).
    "attachment_path",
    "new_external_id",
]


def new_external_id() -> str:
    return str(uuid.uuid4())


class Post(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = text.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "The address of the post. Made from the title; kept when the title changes."
        ),
    )
    summary = text.CharField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences shown in lists, feeds and search results."),
    )
    body = text.TextField(_("body"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    # Translations of one post share a group (the multilingual issue builds on it).
    translation_group = models.UUIDField(
        _("translation group"), default=uuid.uuid4, db_index=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the post."),
    )
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=clock.now)
    pinned_until = models.DateTimeField(
        _("pinned until"),
        null=True,
        blank=True,
        help_text=_("Notices only: kept on top of the list until this time."),
    )
    expires_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        help_text=_(
            "Notices only: leaves the list at this time, stays in the archive."
        ),
    )
    event_start = models.DateTimeField(_("event start"), null=True, blank=True)
    event_end = models.DateTimeField(_("event end"), null=True, blank=True)
    event_timezone = models.CharField(
        _("event time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("An IANA name such as Europe/Zurich; empty means the site's."),
    )
    event_location = text.CharField(_("place"), max_length=300, blank=True)
    event_online_url = models.URLField(_("online link"), max_length=500, blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="posts",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_note = text.TextField(_("withdrawal note"), blank=True)
    # Every post has one from the start, so a dump always identifies it: loading the
    # dump back updates the same post, into an empty site recreates it.
    external_id = models.CharField(
        _("interchange id"),
        max_length=200,
        unique=True,
        default=new_external_id,
        help_text=_(
            "Identifies the post in dumps and imports; loading a line with the same "
            "id updates this post."
        ),
    )
    # Raised on every save; the editorial back office checks it to refuse lost updates.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"], name="post_slug_unique_per_language"
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(status="in_review")
                | Q(published_at__isnull=False),
                name="post_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(event_end__isnull=True)
                | Q(event_start__isnull=True)
                | Q(event_end__gte=models.F("event_start")),
                name="post_event_ends_after_start",
            ),
        ]
        # List order and neighbours are read from these indexes, so any page costs the
        # same at any depth. The kind and expiry after the order are what a list's
        # rule reads besides: counting a day of a list after a change reads the index
        # alone, not one table row per post (2,613 blocks read from disk, 134 ms, for
        # the newest day at 1,000,000 posts on PostgreSQL).
        indexes = [
            models.Index(
                fields=[
                    "language",
                    "status",
                    "published_at",
                    "id",
                    "kind",
                    "expires_at",
                ],
                name="post_list_rule_idx",
            ),
            models.Index(
                fields=[
                    "language",
                    "status",
                    "kind",
                    "published_at",
                    "id",
                    "expires_at",
                ],
                name="post_kind_rule_idx",
            ),
            models.Index(fields=["status", "published_at", "id"], name="post_all_idx"),
            # Next pin end and next expiry (state.next_transition) are index seeks.
            models.Index(fields=["status", "pinned_until"], name="post_pinned_idx"),
            models.Index(fields=["status", "expires_at"], name="post_expires_idx"),
            # The back office's lists, newest change first: all posts (read as ids
            # only, at any depth), the dashboard's drafts and posts in review.
            models.Index(fields=["updated_at", "id"], name="post_updated_id_idx"),
            # The translations overview: originals, newest first.
            models.Index(fields=["created_at", "id"], name="post_created_idx"),
            # All posts sorted by a column, read from any position in either
            # direction (`posts.paging`): each order is one of these indexes.
            models.Index(fields=["title", "id"], name="post_title_id_idx"),
            models.Index(fields=["kind", "id"], name="post_kind_id_idx"),
            models.Index(fields=["status", "id"], name="post_status_id_idx"),
            models.Index(fields=["published_at", "id"], name="post_published_id_idx"),
            models.Index(fields=["author", "id"], name="post_author_id_idx"),
            # The filters most lists are narrowed by, newest change first.
            models.Index(
                fields=["kind", "updated_at", "id"], name="post_kind_updated_idx"
            ),
            models.Index(
                fields=["language", "updated_at", "id"], name="post_lang_updated_idx"
            ),
            # Status and kind together (published notices): counted, and any
            # numbered page found, in the index alone.
            models.Index(
                fields=["status", "kind", "updated_at", "id"],
                name="post_status_kind_upd_idx",
            ),
            models.Index(
                fields=["status", "updated_at", "id"], name="post_status_updated_idx"
            ),
            models.Index(
                fields=["author", "status", "updated_at", "id"],
                name="post_author_updated_idx",
            ),
            models.Index(fields=["event_start"], name="post_event_start_idx"),
            # The calendar window (events ending after a day) is a seek, not a scan.
            models.Index(fields=["event_end"], name="post_event_end_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.prepare_to_store()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("public:post", kwargs={"slug": self.slug})

    def clean(self) -> None:
        """Refuse dates and fields that contradict each other or the post's kind.

        The one check behind the back office, the admin and `bulletin load`.
        """
        errors: dict[str, ValidationError] = {}
        if self.kind != Kind.EVENT:
            # The zone select always holds a value; on a non-event it means nothing.
            self.event_timezone = ""
            for name in (
                "event_start",
                "event_end",
                "event_location",
                "event_online_url",
            ):
                if getattr(self, name):
                    errors[name] = ValidationError(
                        _(
                            "Only events have a start, an end, a place or an online link."
                        ),
                        code="not_an_event",
                    )
        if self.event_end and not self.event_start:
            errors.setdefault(
                "event_start",
                ValidationError(
                    _("An event with an end needs a start."), code="no_start"
                ),
            )
        if self.event_start and self.event_end and self.event_end < self.event_start:
            errors.setdefault(
                "event_end",
                ValidationError(
                    _("The event ends before it starts."), code="end_before_start"
                ),
            )
        if self.kind != Kind.NOTICE:
            for name in ("pinned_until", "expires_at"):
                if getattr(self, name):
                    errors[name] = ValidationError(
                        _("Only notices can be pinned or expire."), code="not_a_notice"
                    )
        if (
            self.pinned_until
            and self.expires_at
            and self.expires_at < self.pinned_until
        ):
            errors.setdefault(
                "expires_at",
                ValidationError(
                    _("The notice would expire before its pin ends."),
                    code="expires_while_pinned",
                ),
            )
        if errors:
            raise ValidationError(errors)

    def prepare_to_store(self, taken_slugs: set[str] | None = None) -> None:
        """What every stored post gets, saved alone or written in bulk (posts.bulk).

        `taken_slugs` are slugs of this language that posts written in the same
        batch already hold.
        """
        # Text fields drop control characters themselves (posts.text), on save too.
        self.body = sanitize_html(text.clean_text(self.body))
        if not self.slug:
            self.slug = self.unique_slug(taken_slugs or ())
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = clock.now()
        if self.status == Status.WITHDRAWN and self.withdrawn_at is None:
            self.withdrawn_at = clock.now()

    def unique_slug(self, taken: Container[str] = ()) -> str:
        """A slug from the title, unique within the post's language (and `taken`)."""
        base = slugify(self.title, allow_unicode=True)[:180].strip("-") or "post"
        candidate, n = base, 1
        others = Post.objects.filter(language=self.language).exclude(pk=self.pk)
        while candidate in taken or others.filter(slug=candidate).exists():
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def is_public(self, now: datetime | None = None) -> bool:
        now = now or clock.now()
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
        )

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or clock.now())

    def is_pinned(self, now: datetime | None = None) -> bool:
        return self.pinned_until is not None and self.pinned_until > (
            now or clock.now()
        )

    @property
    def is_event(self) -> bool:
        return self.kind == Kind.EVENT

    @property
    def event_zone(self) -> ZoneInfo:
        """The zone the event's times are shown in: its own, else the site's."""
        return zone_named(self.event_timezone)


class ChangeNote(models.Model):
    """A public note of a significant update ("5 December: slides added")."""

    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="change_notes",
    )
    noted_at = models.DateTimeField(_("date"), default=clock.now)
    note = text.CharField(_("note"), max_length=500)

    class Meta:
        ordering = ["-noted_at", "-id"]
        # The sitemap's date walks the newest notes (`feeds.sitemaps`).
        indexes = [models.Index(fields=["noted_at"], name="changenote_noted_idx")]
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")

    def __str__(self) -> str:
        return self.note
