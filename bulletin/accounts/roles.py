"""The three roles staff hold, as Django groups with permissions.

The groups and their permissions are created by a migration
(`0002_roles`); what each action needs is asked through `user.has_perm`, so the
permissions, not the group names, are the rule. `role_of` names a person's highest
role for display and for the few places that need the role itself.
"""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bulletin.posts.models import Post, Status

PUBLISH = "editorial.publish_post"
EDIT_ANY = "editorial.edit_any_post"
MANAGE_TOPICS = "posts.change_topic"


class Role(models.TextChoices):
    # The value is the group's name.
    AUTHOR = "Author", _("Author")
    EDITOR = "Editor", _("Editor")
    ADMIN = "Admin", _("Admin")


RANK = [Role.AUTHOR, Role.EDITOR, Role.ADMIN]

# Codenames ("app_label.codename") each group holds; an Admin holds every permission.
ROLE_PERMISSIONS = {
    Role.AUTHOR: [
        "posts.view_post",
        "posts.add_post",
        "posts.change_post",
        "posts.view_topic",
        "posts.add_attachment",
        "posts.change_attachment",
        "posts.view_attachment",
    ],
}
ROLE_PERMISSIONS[Role.EDITOR] = [
    *ROLE_PERMISSIONS[Role.AUTHOR],
    PUBLISH,
    EDIT_ANY,
    "posts.add_topic",
    "posts.change_topic",
    "posts.delete_topic",
    "posts.delete_attachment",
    "posts.add_changenote",
    "posts.change_changenote",
    "posts.delete_changenote",
]


def role_of(user) -> Role | None:
    """The highest role a person holds, or None for the public and the inactive."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    if not hasattr(user, "_bulletin_role"):
        names = set(user.groups.values_list("name", flat=True))
        held = [role for role in RANK if role.value in names]
        user._bulletin_role = held[-1] if held else None
    return user._bulletin_role


def can_see(user, post: Post) -> bool:
    """Whether the back office shows this post to this person at all."""
    if role_of(user) is None:
        return False
    return user.has_perm(EDIT_ANY) or post.author_id == user.pk


def posts_visible_to(user) -> QuerySet[Post]:
    """`can_see` as a queryset, for lists and the staff search."""
    if role_of(user) is None:
        return Post.objects.none()
    if user.has_perm(EDIT_ANY):
        return Post.objects.all()
    return Post.objects.filter(author=user)


def can_edit(user, post: Post) -> bool:
    """Editors edit any post; authors edit their own drafts only."""
    if not can_see(user, post):
        return False
    if user.has_perm(EDIT_ANY):
        return user.has_perm("posts.change_post")
    return post.status == Status.DRAFT and user.has_perm("posts.change_post")


def can_delete(user, post: Post) -> bool:
    """Only drafts are deleted (a post readers saw is withdrawn instead), by whoever
    may edit them: authors their own, editors anyone's."""
    return post.status == Status.DRAFT and can_edit(user, post)


def can_publish(user) -> bool:
    return role_of(user) is not None and user.has_perm(PUBLISH)
