"""The workflow: one plain function per step.

Each takes the post and the person acting, runs in one transaction on a freshly
locked row, checks the person may take the step, raises `WorkflowError` if not,
and writes one history entry. Views only call these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bulletin.accounts.roles import can_edit, can_publish, can_see, role_of
from bulletin.editorial import revisions
from bulletin.editorial.checks import images_without_alt
from bulletin.editorial.models import (
    Action,
    HistoryEntry,
    Presence,
    Revision,
    RevisionState,
)
from bulletin.posts import clock
from bulletin.posts.models import ChangeNote, Post, Status
from bulletin.posts.sanitize import sanitize_html


class WorkflowError(Exception):
    """A step this person may not take (status 403), or that the post's state does
    not allow (409)."""

    def __init__(self, message: str = "", status: int = 403) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class EditConflict(WorkflowError):
    """Someone saved the post after this person opened it."""

    status = 409

    post: Post
    base: dict | None
    theirs: dict
    mine: dict
    merged: dict
    conflicts: list[str]
    latest_revision: int

    def __str__(self) -> str:
        return _("Someone else saved this post while you were editing it.")


def _locked(post: Post) -> Post:
    return Post.objects.select_for_update().get(pk=post.pk)


def _save(post: Post) -> None:
    # The version rises on every save; forms carry it back to detect lost updates.
    post.version += 1
    post.updated_at = clock.now()
    try:
        with transaction.atomic():
            post.save()
    except IntegrityError as error:
        # A restored or prepared slug may have been taken by another post since.
        raise WorkflowError(
            _("Another post in this language already uses this address (slug)."),
            status=409,
        ) from error


def _history(
    post: Post, actor, action: str, before: str, comment: str = "", **extra
) -> HistoryEntry:
    return HistoryEntry.objects.create(
        post=post,
        actor=actor,
        action=action,
        from_status=before,
        to_status=post.status,
        comment=comment,
        **extra,
    )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise WorkflowError(message)


def _require_alt_text(body: str) -> None:
    missing = images_without_alt(body)
    if missing:
        raise WorkflowError(
            ngettext(
                "An image in the text has no alt text. Describe it before publishing.",
                "%(count)d images in the text have no alt text. Describe them before publishing.",
                len(missing),
            )
            % {"count": len(missing)},
            status=409,
        )


def _require_status(post: Post, *statuses: str) -> None:
    if post.status not in statuses:
        raise WorkflowError(
            _("This step is not possible while the post is “%(status)s”.")
            % {"status": post.get_status_display()},
            status=409,
        )


@transaction.atomic
def create_post(actor, data: dict) -> Post:
    _require(
        role_of(actor) is not None and actor.has_perm("posts.add_post"),
        _("You may not write posts."),
    )
    post = Post(author=actor, status=Status.DRAFT)
    topic_ids = revisions.apply(post, data)
    post.save()
    post.topics.set(topic_ids)
    revisions.record(post, actor, revisions.snapshot(post))
    _history(post, actor, Action.CREATED, Status.DRAFT)
    return post


@transaction.atomic
def save_post(
    post: Post,
    actor,
    data: dict,
    *,
    version: int,
    base_revision: int | None,
    publish_now: bool = False,
    change_note: str = "",
) -> Post:
    """Save edited fields, refusing to overwrite a save made since the form was opened.

    On a post the public can see, the edit becomes a prepared change (the public keeps
    the published text) unless an editor asks to publish it now.
    """
    post = _locked(post)
    _require(can_edit(actor, post), _("You may not edit this post."))
    # Compared and stored as it will be saved, so an untouched body never differs.
    data = {**data, "body": sanitize_html(data.get("body") or "")}
    newest = revisions.latest(post)
    newest_number = newest.number if newest else 0
    if post.version != version or newest_number != (base_revision or 0):
        base = (
            post.revisions.filter(number=base_revision).first()
            if base_revision
            else None
        )
        theirs = newest.data if newest else revisions.snapshot(post)
        base_data = base.data if base else None
        merged, conflicts = revisions.merge(base_data, theirs, data)
        raise EditConflict(
            post, base_data, theirs, data, merged, conflicts, newest_number
        )
    if newest is None:
        # A post made outside the back office: keep how it stood before this save.
        revisions.record(post, None, revisions.snapshot(post))
    before = post.status
    if post.is_public() and not publish_now:
        revisions.record(post, actor, data, state=RevisionState.PENDING)
        _history(post, actor, Action.CHANGE_PREPARED, before)
        return post
    if post.is_public():
        _require(can_publish(actor), _("You may not publish changes."))
        _require_alt_text(data["body"])
    topic_ids = revisions.apply(post, data)
    _save(post)
    post.topics.set(topic_ids)
    revisions.record(post, actor, revisions.snapshot(post))
    if change_note:
        ChangeNote.objects.create(post=post, note=change_note)
    action = Action.CHANGE_PUBLISHED if post.is_public() else Action.SAVED
    _history(post, actor, action, before, change_note)
    Presence.objects.filter(post=post, user=actor).delete()
    return post


@transaction.atomic
def submit(post: Post, actor, comment: str = "") -> Post:
    post = _locked(post)
    _require(can_edit(actor, post), _("You may not submit this post."))
    _require_status(post, Status.DRAFT)
    post.status = Status.IN_REVIEW
    _save(post)
    # Editors are told by bulletin.notifications (it hooks every history entry).
    _history(post, actor, Action.SUBMITTED, Status.DRAFT, comment)
    return post


@transaction.atomic
def recall(post: Post, actor, comment: str = "") -> Post:
    """The author takes a submitted post back to draft, to change it before review."""
    post = _locked(post)
    _require(
        post.author_id == getattr(actor, "pk", None) or can_edit(actor, post),
        _("Only the author can recall a post from review."),
    )
    _require_status(post, Status.IN_REVIEW)
    post.status = Status.DRAFT
    _save(post)
    _history(post, actor, Action.RECALLED, Status.IN_REVIEW, comment)
    return post


@transaction.atomic
def send_back(post: Post, actor, comment: str) -> Post:
    post = _locked(post)
    _require(
        can_publish(actor) and can_see(actor, post), _("You may not send posts back.")
    )
    _require_status(post, Status.IN_REVIEW)
    _require(bool(comment.strip()), _("Say what needs changing."))
    post.status = Status.DRAFT
    _save(post)
    _history(post, actor, Action.SENT_BACK, Status.IN_REVIEW, comment)
    return post


def check_publish(post: Post, actor) -> None:
    """Whether `publish` would take this post (raises `WorkflowError` if not); the
    bulk confirmation page asks the same question before anything is written."""
    _require(
        can_publish(actor) and can_see(actor, post), _("You may not publish posts.")
    )
    _require_status(post, Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN)
    _require_alt_text(post.body)


@transaction.atomic
def publish(post: Post, actor, at: datetime | None = None, comment: str = "") -> Post:
    """Publish now, or at `at` if that is in the future (the post then appears by itself)."""
    post = _locked(post)
    check_publish(post, actor)
    before = post.status
    now = clock.now()
    post.status = Status.PUBLISHED
    if at is not None:
        post.published_at = at
    elif before == Status.WITHDRAWN and post.published_at is not None:
        pass  # Republishing keeps the original date.
    else:
        post.published_at = now
    post.withdrawn_at = None
    _save(post)
    scheduled = post.published_at > now
    _history(
        post,
        actor,
        Action.SCHEDULED if scheduled else Action.PUBLISHED,
        before,
        comment,
        scheduled_for=post.published_at if scheduled else None,
    )
    return post


@transaction.atomic
def unschedule(post: Post, actor, comment: str = "") -> Post:
    post = _locked(post)
    _require(
        can_publish(actor) and can_see(actor, post), _("You may not change schedules.")
    )
    if post.status != Status.PUBLISHED or post.is_public():
        raise WorkflowError(_("Only a scheduled post can be unscheduled."), status=409)
    post.status = Status.IN_REVIEW
    post.published_at = None
    _save(post)
    _history(post, actor, Action.UNSCHEDULED, Status.PUBLISHED, comment)
    return post


def check_withdraw(post: Post, actor) -> None:
    """Whether `withdraw` would take this post, the note aside."""
    _require(
        can_publish(actor) and can_see(actor, post), _("You may not withdraw posts.")
    )
    _require_status(post, Status.PUBLISHED)


@transaction.atomic
def withdraw(post: Post, actor, note: str) -> Post:
    """Take a published post down; its address then shows the note, not the body."""
    post = _locked(post)
    check_withdraw(post, actor)
    _require(bool(note.strip()), _("Write the withdrawal note readers will see."))
    post.status = Status.WITHDRAWN
    post.withdrawn_at = clock.now()
    post.withdrawal_note = note.strip()
    _save(post)
    _history(post, actor, Action.WITHDRAWN, Status.PUBLISHED, note.strip())
    return post


@transaction.atomic
def publish_change(post: Post, actor, change_note: str = "") -> Post:
    """Put a prepared change live, with an optional public change note."""
    post = _locked(post)
    _require(
        can_publish(actor) and can_see(actor, post), _("You may not publish changes.")
    )
    pending = revisions.pending_change(post)
    if pending is None:
        raise WorkflowError(_("There is no prepared change to publish."), status=409)
    _require_alt_text(pending.data.get("body", ""))
    topic_ids = revisions.apply(post, pending.data)
    _save(post)
    post.topics.set(topic_ids)
    pending.state = RevisionState.APPLIED
    pending.save(update_fields=["state"])
    if change_note.strip():
        ChangeNote.objects.create(post=post, note=change_note.strip())
    _history(post, actor, Action.CHANGE_PUBLISHED, post.status, change_note.strip())
    return post


@transaction.atomic
def discard_change(post: Post, actor) -> Post:
    post = _locked(post)
    _require(can_edit(actor, post), _("You may not edit this post."))
    pending = revisions.pending_change(post)
    if pending is None:
        raise WorkflowError(_("There is no prepared change to discard."), status=409)
    pending.state = RevisionState.DISCARDED
    pending.save(update_fields=["state"])
    # The published text becomes the newest revision again, for the next edit to start from.
    revisions.record(post, actor, revisions.snapshot(post), note=_("Change discarded"))
    _history(post, actor, Action.CHANGE_DISCARDED, post.status)
    return post


@transaction.atomic
def restore(post: Post, actor, revision: Revision) -> Post:
    """Make an old revision current again, as a new revision.

    On a post the public can see, it becomes a prepared change like any other edit.
    """
    post = _locked(post)
    _require(can_edit(actor, post), _("You may not edit this post."))
    _require(revision.post_id == post.pk, _("That revision belongs to another post."))
    before = post.status
    note = _("Restored from revision %(number)s") % {"number": revision.number}
    if post.is_public():
        revisions.record(
            post, actor, revision.data, state=RevisionState.PENDING, note=note
        )
    else:
        topic_ids = revisions.apply(post, revision.data)
        _save(post)
        post.topics.set(topic_ids)
        revisions.record(post, actor, revisions.snapshot(post), note=note)
    _history(post, actor, Action.RESTORED, before, note)
    return post


@transaction.atomic
def record_admin_save(post: Post, actor, before: str | None) -> None:
    """Record a save made in the Django admin (Admins only): a revision of the fields
    and one history entry, so the post's record has no gaps."""
    _locked(post)  # revision numbers are given out under the row lock
    revisions.record(
        post, actor, revisions.snapshot(post), note=_("Saved in the admin")
    )
    action = Action.CREATED if before is None else Action.SAVED
    _history(post, actor, action, before or post.status, _("Saved in the admin"))


def ensure_baseline(post: Post) -> Revision:
    """The newest revision, recording the post as it stands if it has none yet
    (posts made before the back office, by the seed command or an import)."""
    with transaction.atomic():
        post = _locked(post)  # two first openings must not both record number 1
        newest = revisions.latest(post)
        if newest is None:
            newest = revisions.record(post, None, revisions.snapshot(post))
        return newest
