"""History entries for what happens by the clock rather than by a person."""

from __future__ import annotations

from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from bulletin.accounts.roles import Role
from bulletin.editorial import previews
from bulletin.editorial.models import Action, HistoryEntry
from bulletin.posts.models import Post, Status
from bulletin.scheduling.models import Moment
from bulletin.scheduling.signals import moment_reached


@receiver(post_save, sender=Post)
def revoke_share_links_on_withdrawal(sender, instance: Post, **kwargs) -> None:
    # Every way a post is withdrawn (the workflow, the admin, a load) saves it, so
    # this is the one place its share links end. Deleting a post deletes them.
    if instance.status == Status.WITHDRAWN:
        previews.revoke_all(instance)


@receiver(moment_reached)
def record_moment(sender, *, post, moment, due_at, ran_at, **kwargs) -> None:
    # Sent inside the transaction that marks the moment done, so the entry exists
    # exactly when the moment counts as done.
    HistoryEntry.objects.create(
        post=post,
        actor=None,
        at=ran_at,
        action=Action.WENT_LIVE if moment == Moment.PUBLISH else Action.EXPIRED,
        from_status=post.status,
        to_status=post.status,
        comment=_("Due at %(time)s") % {"time": due_at.isoformat(timespec="minutes")},
    )


@receiver(post_migrate)
def admins_hold_every_permission(sender, using: str = "default", **kwargs) -> None:
    # Apps migrated after the roles were made bring permissions of their own; the
    # Admin role is "everything", so it takes them too. (Runs after auth's own
    # post_migrate handler has created them.)
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.using(using).filter(name=Role.ADMIN.value).first()
    if group is not None:
        group.permissions.set(Permission.objects.using(using).all())
