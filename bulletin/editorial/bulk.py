"""Bulk actions of the all-posts list: the same steps as on one post, post by post.

Nothing here decides who may do what: each post goes through the service of the
single-post step (`services.publish`, `services.withdraw`, `filing.change_topic`,
`filing.delete_draft`), in its own transaction, so a post refused or failing leaves
the others done and itself untouched. The public side's version rises once for the
whole action (`state.one_bump`), however many posts it changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from django import forms
from django.db import DatabaseError, models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bulletin.accounts.roles import can_publish
from bulletin.editorial import filing, services
from bulletin.editorial.services import WorkflowError
from bulletin.posts.models import Post, Topic
from bulletin.posts.state import one_bump

log = logging.getLogger(__name__)

# At most this many posts in one action: a page of the list and a little more.
MOST = 200


class BulkAction(models.TextChoices):
    PUBLISH = "publish", gettext_lazy("Publish")
    WITHDRAW = "withdraw", gettext_lazy("Withdraw, with one note")
    ADD_TOPIC = "add-topic", gettext_lazy("Add a topic")
    REMOVE_TOPIC = "remove-topic", gettext_lazy("Remove a topic")
    DELETE = "delete", gettext_lazy("Delete drafts")


NEEDS_TOPIC = {BulkAction.ADD_TOPIC, BulkAction.REMOVE_TOPIC}
PUBLISHERS_ONLY = {BulkAction.PUBLISH, BulkAction.WITHDRAW}


def offered(user) -> list[tuple[str, str]]:
    """The actions worth offering this person (the services still decide per post)."""
    publisher = can_publish(user)
    return [
        (action.value, action.label)
        for action in BulkAction
        if publisher or action not in PUBLISHERS_ONLY
    ]


class ConfirmForm(forms.Form):
    """The action, and what it needs: one note for every withdrawal, or a topic."""

    action = forms.ChoiceField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("Withdrawal note"),
        help_text=gettext_lazy(
            "Readers see it at each post's address instead of the text."
        ),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Topic"), queryset=Topic.objects.all(), required=False
    )

    def __init__(self, *args, user, action: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = offered(user)
        self.fields["action"].error_messages["invalid_choice"] = _(
            "This action is not open to you."
        )
        action = action or self.data.get("action")
        if action != BulkAction.WITHDRAW:
            del self.fields["note"]
        if action not in NEEDS_TOPIC:
            del self.fields["topic"]

    def clean(self) -> dict:
        data = super().clean()
        if "note" in self.fields and not (data.get("note") or "").strip():
            self.add_error("note", _("Write the withdrawal note readers will see."))
        if (
            "topic" in self.fields
            and not data.get("topic")
            and "topic" not in self.errors
        ):
            self.add_error("topic", _("Choose the topic."))
        return data


def button(action: str, count: int) -> str:
    """The confirmation button's words: what it does, to how many."""
    words = {
        BulkAction.PUBLISH: lambda: ngettext(
            "Publish %(count)d post", "Publish %(count)d posts", count
        ),
        BulkAction.WITHDRAW: lambda: ngettext(
            "Withdraw %(count)d post", "Withdraw %(count)d posts", count
        ),
        BulkAction.ADD_TOPIC: lambda: ngettext(
            "Add the topic to %(count)d post", "Add the topic to %(count)d posts", count
        ),
        BulkAction.REMOVE_TOPIC: lambda: ngettext(
            "Remove the topic from %(count)d post",
            "Remove the topic from %(count)d posts",
            count,
        ),
        BulkAction.DELETE: lambda: ngettext(
            "Delete %(count)d draft", "Delete %(count)d drafts", count
        ),
    }
    return words[action]() % {"count": count}


@dataclass(frozen=True)
class Outcome:
    """What happened (or will happen) to one post."""

    post_id: int
    title: str
    done: bool
    words: str  # what was done, or why it was skipped

    def as_dict(self) -> dict:
        return asdict(self)


def _checks() -> dict[str, Callable[[Post, object], None]]:
    return {
        BulkAction.PUBLISH: services.check_publish,
        BulkAction.WITHDRAW: services.check_withdraw,
        BulkAction.ADD_TOPIC: filing.check_change_topics,
        BulkAction.REMOVE_TOPIC: filing.check_change_topics,
        BulkAction.DELETE: filing.check_delete,
    }


def _will(action: str, topic: Topic | None) -> str:
    name = topic.name if topic else ""
    return {
        BulkAction.PUBLISH: lambda: _("Will be published"),
        BulkAction.WITHDRAW: lambda: _("Will be withdrawn, with the note below"),
        BulkAction.ADD_TOPIC: lambda: (
            _("Will get the topic “%(topic)s”") % {"topic": name}
            if name
            else _("Will get the topic you choose")
        ),
        BulkAction.REMOVE_TOPIC: lambda: (
            _("Will lose the topic “%(topic)s”") % {"topic": name}
            if name
            else _("Will lose the topic you choose")
        ),
        BulkAction.DELETE: lambda: _("Will be deleted for good"),
    }[action]()


def _done(action: str, post: Post | None, topic: Topic | None) -> str:
    if action == BulkAction.PUBLISH and post is not None and not post.is_public():
        return _("Scheduled")
    name = topic.name if topic else ""
    return {
        BulkAction.PUBLISH: lambda: _("Published"),
        BulkAction.WITHDRAW: lambda: _("Withdrawn"),
        BulkAction.ADD_TOPIC: lambda: _("Topic “%(topic)s” added") % {"topic": name},
        BulkAction.REMOVE_TOPIC: lambda: (
            _("Topic “%(topic)s” removed") % {"topic": name}
        ),
        BulkAction.DELETE: lambda: _("Deleted"),
    }[action]()


def selection_problem(ids: list[int] | None) -> str | None:
    """Why a selection cannot go ahead, in words (None if it can): ids that are not
    ids, none at all, or more than one action takes (never cut short in silence,
    so the report accounts for every post chosen)."""
    if ids is None:
        return _("The selection is not valid. Choose the posts again from the list.")
    if not ids:
        return _("Select one or more posts first.")
    if len(set(ids)) > MOST:
        return ngettext(
            "Choose at most %(most)d post at a time.",
            "Choose at most %(most)d posts at a time.",
            MOST,
        ) % {"most": MOST}
    return None


def chosen(user, ids: Iterable[int], visible) -> tuple[list[Post], list[int]]:
    """The selected posts this person may see, in the order given, and the ids of
    those that are gone or not theirs to see (reported, never acted on)."""
    wanted = list(dict.fromkeys(ids))
    found = {post.pk: post for post in visible.filter(pk__in=wanted)}
    return [found[pk] for pk in wanted if pk in found], [
        pk for pk in wanted if pk not in found
    ]


def _missing(ids: list[int]) -> list[Outcome]:
    return [
        Outcome(pk, f"#{pk}", False, _("Not found: deleted, or not yours to see"))
        for pk in ids
    ]


def plan(
    action: str, actor, posts: list[Post], missing: list[int], topic=None
) -> list[Outcome]:
    """What the action would do to each post, asked of the services' own checks
    without writing anything: the confirmation page lists it."""
    check = _checks()[action]
    outcomes = []
    for post in posts:
        try:
            check(post, actor)
        except WorkflowError as refusal:
            outcomes.append(Outcome(post.pk, post.title, False, str(refusal)))
        else:
            outcomes.append(Outcome(post.pk, post.title, True, _will(action, topic)))
    return outcomes + _missing(missing)


def run(
    action: str,
    actor,
    posts: list[Post],
    missing: list[int],
    *,
    note: str = "",
    topic: Topic | None = None,
) -> list[Outcome]:
    """Do the action to each post in turn, each in its own transaction; say what
    happened to each. A refusal or a database error skips that post only."""
    steps: dict[str, Callable[[Post], Post | None]] = {
        BulkAction.PUBLISH: lambda post: services.publish(post, actor),
        BulkAction.WITHDRAW: lambda post: services.withdraw(post, actor, note),
        BulkAction.ADD_TOPIC: lambda post: filing.change_topic(
            post, actor, topic, add=True
        ),
        BulkAction.REMOVE_TOPIC: lambda post: filing.change_topic(
            post, actor, topic, add=False
        ),
        BulkAction.DELETE: lambda post: filing.delete_draft(post, actor),
    }
    step = steps[action]
    outcomes = []
    with one_bump():
        for post in posts:
            try:
                changed = step(post)
            except Post.DoesNotExist:
                outcomes.append(
                    Outcome(post.pk, post.title, False, _("Deleted meanwhile"))
                )
            except WorkflowError as refusal:
                outcomes.append(Outcome(post.pk, post.title, False, str(refusal)))
            except DatabaseError:
                log.exception("Bulk %s failed on post %s", action, post.pk)
                outcomes.append(
                    Outcome(
                        post.pk,
                        post.title,
                        False,
                        _("Could not be saved; nothing was changed. Try it again."),
                    )
                )
            else:
                outcomes.append(
                    Outcome(post.pk, post.title, True, _done(action, changed, topic))
                )
    return outcomes + _missing(missing)
