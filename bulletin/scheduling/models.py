"""The moments at which a post changes for the public, and whether their work is done."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bulletin.posts import clock
from bulletin.posts.models import Post


class Moment(models.TextChoices):
    PUBLISH = "publish", _("Publication")
    EXPIRE = "expire", _("Expiry")


class State(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
    FAILED = "failed", _("Failed")


class ScheduledMoment(models.Model):
    """One publication or expiry of one post, and the side effects it is owed.

    Visibility never waits for this row (the public queryset compares times); the
    row is how the side effects (history entry, e-mail, cache) happen exactly once.
    """

    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="scheduled_moments",
    )
    moment = models.CharField(_("moment"), max_length=10, choices=Moment.choices)
    due_at = models.DateTimeField(_("due at"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When the work may next run: the due time, later after a failure.
    run_after = models.DateTimeField(_("run after"))
    # When a queued task for it became runnable; the sweep re-queues stale ones.
    queued_for = models.DateTimeField(_("queued for"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled moment")
        verbose_name_plural = _("scheduled moments")
        ordering = ["due_at", "id"]
        constraints = [
            # A post is published (or expires) at a given time once, whoever asks.
            models.UniqueConstraint(
                fields=["post", "moment", "due_at"], name="scheduled_moment_once"
            ),
            models.UniqueConstraint(
                fields=["post", "moment"],
                condition=Q(state="pending"),
                name="scheduled_moment_one_pending",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "run_after"], name="scheduled_due_idx")
        ]

    def __str__(self) -> str:
        return f"{self.get_moment_display()} of {self.post_id} at {self.due_at:%Y-%m-%d %H:%M}"


class RunnerHeartbeat(models.Model):
    """When a job runner last finished a round; `/readyz` reads it.

    One row is enough: readiness asks whether any runner is alive, not which one.
    """

    seen_at = models.DateTimeField(_("seen at"))

    class Meta:
        verbose_name = _("job runner heartbeat")
        verbose_name_plural = _("job runner heartbeats")

    def __str__(self) -> str:
        return f"Job runner seen at {self.seen_at:%Y-%m-%d %H:%M:%S}"

    @classmethod
    def beat(cls) -> None:
        cls.objects.update_or_create(pk=1, defaults={"seen_at": clock.now()})

    @classmethod
    def last_seen(cls):
        return cls.objects.filter(pk=1).values_list("seen_at", flat=True).first()
