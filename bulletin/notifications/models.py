"""What staff are told about the workflow, and how each person wants to be told."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bulletin.posts import clock
from bulletin.posts.models import Post


class Event(models.TextChoices):
    SUBMITTED = "submitted", _("A post was submitted for review (editors)")
    SENT_BACK = "sent_back", _("My post was sent back with a comment")
    APPROVED = "approved", _("My post was approved and scheduled")
    PUBLISHED = "published", _("My post was published")
    WENT_LIVE = "went_live", _("A scheduled post went live")
    FAILED = "failed", _("A scheduled publication failed")


# Events that ask the person to do something; the others are for information.
TO_DO = {Event.SUBMITTED, Event.SENT_BACK, Event.FAILED}


class Preference(models.Model):
    """One person's choice for one event; with no row, both channels are on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(_("event"), max_length=12, choices=Event.choices)
    by_email = models.BooleanField(_("by e-mail"), default=True)
    in_list = models.BooleanField(_("in “Needs me”"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event"], name="preference_once_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.event}"


class Notification(models.Model):
    """One item in a person's "Needs me" list, until they (or the workflow) clear it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(_("event"), max_length=12, choices=Event.choices)
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    # The event's own key, so a repeated event makes no second item.
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(_("when"), default=clock.now)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once")
        ]
        indexes = [
            models.Index(fields=["user", "done_at"], name="notification_open_idx")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.event} {self.post_id}"
