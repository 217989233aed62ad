"""Filing posts away: a topic added or removed, a draft deleted.

Steps like those in `services`, kept apart only for the size of that module: each
locks the post's row in its own transaction, asks the role rules of
`bulletin.accounts.roles`, raises `WorkflowError` when it may not happen, and writes
the post's history. The bulk actions of the all-posts list call these, one post at a
time.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from bulletin.accounts.roles import can_delete, can_edit, can_publish
from bulletin.editorial import revisions
from bulletin.editorial.models import Action
from bulletin.editorial.services import (
    WorkflowError,
    _history,
    _locked,
    _require,
    _save,
)
from bulletin.posts.models import Attachment, Post, Status, Topic


def check_change_topics(post: Post, actor) -> None:
    """Whether this person may change the post's topics now (raises if not).

    On a post readers see the change is live at once, so it takes the right to
    publish; a prepared change would put its own topics back when published, so
    it is settled first.
    """
    _require(can_edit(actor, post), _("You may not edit this post."))
    if post.is_public():
        _require(can_publish(actor), _("You may not publish changes."))
    if revisions.pending_change(post) is not None:
        raise WorkflowError(
            _("It has a prepared change: publish or discard that first."), status=409
        )


@transaction.atomic
def change_topic(post: Post, actor, topic: Topic, *, add: bool) -> Post:
    """Add the topic to the post, or take it off; a revision and a history line say so."""
    post = _locked(post)
    check_change_topics(post, actor)
    has = post.topics.filter(pk=topic.pk).exists()
    if has and add:
        raise WorkflowError(_("It already has this topic."), status=409)
    if not has and not add:
        raise WorkflowError(_("It does not have this topic."), status=409)
    if revisions.latest(post) is None:
        # A post made outside the back office: keep how it stood before.
        revisions.record(post, None, revisions.snapshot(post))
    _save(post)
    if add:
        post.topics.add(topic)
        comment = _("Topic added: %(topic)s") % {"topic": topic.name}
    else:
        post.topics.remove(topic)
        comment = _("Topic removed: %(topic)s") % {"topic": topic.name}
    revisions.record(post, actor, revisions.snapshot(post), note=comment)
    action = Action.CHANGE_PUBLISHED if post.is_public() else Action.SAVED
    _history(post, actor, action, post.status, comment)
    return post


def check_delete(post: Post, actor) -> None:
    """Only drafts go, and only by someone who may edit them (`roles.can_delete`)."""
    if post.status != Status.DRAFT:
        raise WorkflowError(
            _("Only drafts are deleted; withdraw a published post instead."),
            status=409,
        )
    _require(can_delete(actor, post), _("You may not delete this draft."))


@transaction.atomic
def delete_draft(post: Post, actor) -> None:
    """Delete a draft with its revisions, history and share links (they cascade);
    its documents' files go once the deletion is committed."""
    post = _locked(post)
    check_delete(post, actor)
    files = [name for name in post.attachments.values_list("file", flat=True) if name]
    storage = Attachment.file.field.storage
    post.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in files])
