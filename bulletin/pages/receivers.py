"""A page's place in the footer is public: changing it changes cached pages."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from bulletin.pages.models import Page
from bulletin.posts.state import bump_content_version


@receiver([post_save, post_delete], sender=Page)
def page_changed(sender, **kwargs) -> None:
    # In the same transaction, as for posts: the change and the version go together.
    # The footer changes; no post moves between a list's pages.
    bump_content_version(days=())
