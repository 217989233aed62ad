"""What the back office keeps beside a post: its history, revisions, share links and
who has it open. The post itself stays in `bulletin.posts`."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from bulletin.posts import clock
from bulletin.posts.models import Post, Status

PREVIEW_LINK_DAYS = 7
# Someone counts as "having the post open" this long after their page last checked in.
PRESENCE_WINDOW = timedelta(minutes=2)


class Action(models.TextChoices):
    CREATED = "created", _("Created")
    SAVED = "saved", _("Saved")
    SUBMITTED = "submitted", _("Submitted for review")
    SENT_BACK = "sent_back", _("Sent back")
    PUBLISHED = "published", _("Published")
    SCHEDULED = "scheduled", _("Scheduled")
    WENT_LIVE = "went_live", _("Went live as scheduled")
    EXPIRED = "expired", _("Expired as scheduled")
    UNSCHEDULED = "unscheduled", _("Unscheduled")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CHANGE_PREPARED = "change_prepared", _("Change prepared")
    CHANGE_PUBLISHED = "change_published", _("Change published")
    CHANGE_DISCARDED = "change_discarded", _("Change discarded")
    RESTORED = "restored", _("Revision restored")
    RECALLED = "recalled", _("Recalled from review")


class HistoryEntry(models.Model):
    """One step in a post's life: who did what, when, from which status to which."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="history"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=clock.now)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=12, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Status.choices)
    comment = models.TextField(_("comment"), blank=True)
    # For "Scheduled for 5 Dec 09:00": the time the post was scheduled for then.
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")
        # The rules of the workflow, given to the roles' groups by migration 0002.
        permissions = [
            ("publish_post", _("Can publish, schedule and withdraw posts")),
            ("edit_any_post", _("Can edit anyone's post")),
        ]

    def __str__(self) -> str:
        return f"{self.post_id}: {self.get_action_display()}"


class RevisionState(models.TextChoices):
    APPLIED = "applied", _("Saved")
    PENDING = "pending", _("Prepared change")
    DISCARDED = "discarded", _("Discarded change")


class Revision(models.Model):
    """A snapshot of a post's editable fields, taken at every save.

    A *pending* revision is a change prepared on a published post: the public keeps
    seeing the post as it is until the change is published.
    """

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=RevisionState.choices,
        default=RevisionState.APPLIED,
    )
    created_at = models.DateTimeField(_("saved at"), default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField(_("fields"), encoder=DjangoJSONEncoder)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "number"], name="revision_number_unique"
            )
        ]
        # The dashboard's prepared changes start from the few pending revisions.
        indexes = [models.Index(fields=["state", "post"], name="revision_state_idx")]

    def __str__(self) -> str:
        return f"{self.post_id} #{self.number}"


def _new_key() -> str:
    return secrets.token_urlsafe(32)


def _default_expiry():
    return clock.now() + timedelta(days=PREVIEW_LINK_DAYS)


class PreviewLink(models.Model):
    """A link that shows one unpublished post to someone without an account."""

    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="preview_links",
    )
    key = models.CharField(max_length=64, unique=True, default=_new_key, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("made"), default=clock.now)
    expires_at = models.DateTimeField(_("expires"), default=_default_expiry)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self) -> str:
        return f"{self.post_id}: {self.created_at:%Y-%m-%d}"

    def is_active(self) -> bool:
        """Not revoked, not expired, and its post still shareable: a withdrawn post's
        body and documents are no one's to see through a link, whenever it was made."""
        return (
            self.revoked_at is None
            and self.expires_at > clock.now()
            and self.post.status != Status.WITHDRAWN
        )


class Presence(models.Model):
    """Who has a post's edit page open, refreshed while the page stays open."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    seen_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "user"], name="presence_once_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.post_id}"


class Autosave(models.Model):
    """What someone had typed in a post form, kept on the server a few seconds after
    they stopped typing, so a closed tab or a crash loses nothing.

    One per person and post (post empty: the "New post" form). The form's fields are
    kept as submitted, hidden version included, so a restored edit still meets the
    conflict check when it is saved.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "post"], name="autosave_once_per_user_and_post"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.post_id or 'new'}"
