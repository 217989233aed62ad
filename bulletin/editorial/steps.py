"""Which workflow steps a person can take on a post, for the buttons the back office
shows. The services decide for real; this only keeps buttons from being offered in
vain."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from bulletin.accounts.roles import can_edit, can_publish
from bulletin.editorial import forms as editorial_forms
from bulletin.editorial import revisions, services
from bulletin.posts.models import Post, Status


@dataclass(frozen=True)
class Step:
    slug: str
    label: str
    form: type[forms.Form]
    danger: bool = False


STEPS = {
    step.slug: step
    for step in [
        Step("submit", _("Submit for review"), editorial_forms.CommentForm),
        Step("recall", _("Recall from review"), editorial_forms.CommentForm),
        Step("send-back", _("Send back to the author"), editorial_forms.SendBackForm),
        Step("publish", _("Publish or schedule"), editorial_forms.ScheduleForm),
        Step("unschedule", _("Unschedule"), editorial_forms.CommentForm),
        Step("withdraw", _("Withdraw"), editorial_forms.WithdrawForm, danger=True),
        Step(
            "publish-change",
            _("Publish the prepared change"),
            editorial_forms.PublishChangeForm,
        ),
        Step(
            "discard-change",
            _("Discard the prepared change"),
            editorial_forms.CommentForm,
            True,
        ),
    ]
}


def available(user, post: Post) -> list[Step]:
    publisher = can_publish(user)
    pending = revisions.pending_change(post) is not None
    offered = {
        "submit": can_edit(user, post) and post.status == Status.DRAFT,
        "recall": post.status == Status.IN_REVIEW and post.author_id == user.pk,
        "send-back": publisher and post.status == Status.IN_REVIEW,
        "publish": publisher
        and post.status in (Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN),
        "unschedule": publisher
        and post.status == Status.PUBLISHED
        and not post.is_public(),
        "withdraw": publisher and post.is_public(),
        "publish-change": publisher and pending,
        "discard-change": can_edit(user, post) and pending,
    }
    return [STEPS[slug] for slug, shown in offered.items() if shown]


def run(step: Step, post: Post, user, data: dict) -> Post:
    """Call the service for a step with a valid form's cleaned data."""
    match step.slug:
        case "submit":
            return services.submit(post, user, data["comment"])
        case "recall":
            return services.recall(post, user, data["comment"])
        case "send-back":
            return services.send_back(post, user, data["comment"])
        case "publish":
            return services.publish(post, user, data["published_at"], data["comment"])
        case "unschedule":
            return services.unschedule(post, user, data["comment"])
        case "withdraw":
            return services.withdraw(post, user, data["note"])
        case "publish-change":
            return services.publish_change(post, user, data["change_note"])
        case "discard-change":
            return services.discard_change(post, user)
    raise ValueError(step.slug)
