"""Who follows which list by e-mail, and the outbox their mail waits in.

Only what delivery needs is stored: the address, the language to write in, the lists
and how often. Nothing about opening or clicking is recorded (see docs/subscriptions.md).
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from bulletin.posts import clock
from bulletin.posts.models import STREAM_KINDS, ChangeNote, Post, Topic


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Each post, as it is published")
    DAILY = "daily", _("A daily digest")
    WEEKLY = "weekly", _("A weekly digest")


def _new_key() -> str:
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """One e-mail address that follows one or more lists."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    language = models.CharField(_("language"), max_length=10)
    # Part of every signed link: deleting the subscriber (or a new key) voids them.
    key = models.CharField(max_length=64, default=_new_key, editable=False)
    created_at = models.DateTimeField(_("created"), default=clock.now)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    """One followed list: a language, optionally a kind and a topic, and how often.

    Nothing is sent until `confirmed_at` is set by the link in the confirmation mail.
    """

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    language = models.CharField(_("language"), max_length=10)
    kind = models.CharField(_("kind"), max_length=10, choices=STREAM_KINDS, blank=True)
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices
    )
    # "language:kind:topic id", so one address follows one list once (NULLs would not
    # be unique in a plain constraint).
    list_key = models.CharField(max_length=80, editable=False)
    created_at = models.DateTimeField(_("created"), default=clock.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "list_key"], name="subscription_once_per_list"
            )
        ]
        indexes = [
            models.Index(
                fields=["frequency", "language", "kind"], name="subscription_match_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscriber_id} → {self.list_key}"

    def save(self, *args, **kwargs) -> None:
        self.list_key = list_key(self.language, self.kind, self.topic_id)
        super().save(*args, **kwargs)


def list_key(language: str, kind: str, topic_id: int | None) -> str:
    return f"{language}:{kind or '-'}:{topic_id or '-'}"


class SignupAttempt(models.Model):
    """A use of the sign-up form, kept one day for throttling.

    Both values are keyed hashes, not the address or network address themselves.
    """

    address = models.CharField(max_length=64, db_index=True)
    network = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=clock.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M}"


class AlertEvent(models.Model):
    """Something subscribers are owed an alert about: a post went live, or a public
    correction. Written in the same transaction as the event; fanned out later."""

    class Event(models.TextChoices):
        PUBLISHED = "published", _("Published")
        UPDATED = "updated", _("Updated")

    key = models.CharField(max_length=100, unique=True)
    event = models.CharField(max_length=10, choices=Event.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    note = models.ForeignKey(
        ChangeNote, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now)
    fanned_out_at = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self) -> str:
        return self.key


class DigestRun(models.Model):
    """One daily or weekly digest round: the period it covered, queued once."""

    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    queued = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["frequency", "period_end"], name="digest_run_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.frequency} {self.period_end:%Y-%m-%d %H:%M}"


class MailState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    HANDED_OVER = "handed_over", _("Handed to the mail server")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    UNCERTAIN = "uncertain", _("Unknown (worker stopped while sending)")
    CANCELLED = "cancelled", _("Not needed any more")


class MailKind(models.TextChoices):
    CONFIRM = "confirm", _("Confirmation")
    ALERT = "alert", _("Alert")
    UPDATE = "update", _("Update alert")
    DIGEST = "digest", _("Digest")
    MESSAGE = "message", _("Message")


class Mail(models.Model):
    """One e-mail in the outbox, under a key that makes it impossible to queue twice.

    Alerts and digests are written when they are sent (in the subscriber's language,
    from the post as it then is); other messages are stored ready-made.
    """

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=MailKind.choices)
    address = models.EmailField(_("address"), max_length=254)
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=MailState.choices, default=MailState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    run_after = models.DateTimeField(_("send after"), default=clock.now)
    claimed_by = models.CharField(max_length=40, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), default=clock.now)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outbox")
        indexes = [
            models.Index(fields=["state", "run_after", "id"], name="mail_due_idx"),
            models.Index(fields=["state", "claimed_at"], name="mail_claimed_idx"),
        ]

    def __str__(self) -> str:
        return self.key


class UndeliverableAddress(models.Model):
    """An address the mail server refused for good; paused after a few refusals."""

    address = models.EmailField(_("address"), max_length=254, unique=True)
    failures = models.PositiveSmallIntegerField(_("permanent failures"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    last_failed_at = models.DateTimeField(_("last failure"), default=clock.now)
    paused_at = models.DateTimeField(_("paused"), null=True, blank=True)

    class Meta:
        verbose_name = _("undeliverable address")
        verbose_name_plural = _("undeliverable addresses")

    def __str__(self) -> str:
        return self.address
